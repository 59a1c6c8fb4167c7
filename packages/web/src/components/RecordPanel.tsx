import type { JSX } from 'react';
import type { PublicRecord } from '../api/client.ts';
import type { Remote } from '../api/load-error.ts';
import { useT } from '../useT.ts';
import { LoadFailure } from './LoadFailure.tsx';
import { Loading } from './Loading.tsx';
import { RecordFacts } from './RecordFacts.tsx';
import { WitnessList } from './WitnessList.tsx';

/** The public record: the log members can check, its latest checkpoint, and who witnesses it. */
export function RecordPanel({ record }: { readonly record: Remote<PublicRecord> }): JSX.Element {
  const t = useT();
  return (
    <section id="record" className="block record" aria-labelledby="record-heading">
      <h2 id="record-heading">{t('record.heading')}</h2>
      <p className="block-intro">{t('record.intro')}</p>
      {record.state === 'loading' ? <Loading /> : null}
      {record.state === 'error' ? <LoadFailure message="record.error" error={record.error} /> : null}
      {record.state === 'ready' ? (
        <div className="record-parts">
          <RecordFacts record={record.value} />
          <WitnessList record={record.value} />
        </div>
      ) : null}
    </section>
  );
}
