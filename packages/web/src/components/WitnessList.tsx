import { useMemo, type JSX } from 'react';
import { FormattedMessage } from 'react-intl';
import type { PublicRecord } from '../api/client.ts';
import { keyName } from '../record.ts';
import { useCollator } from '../useCollator.ts';
import { useT } from '../useT.ts';
import { WitnessItem } from './WitnessItem.tsx';

/** The witnesses that cosign the record, by name; or, if none has yet, what a witness is. */
export function WitnessList({ record }: { readonly record: PublicRecord }): JSX.Element {
  const t = useT();
  const collator = useCollator();
  const witnesses = useMemo(
    () =>
      [...record.log.witnesses].sort(
        (a, b) => collator.compare(keyName(a.witness), keyName(b.witness)) || collator.compare(a.witness, b.witness),
      ),
    [record, collator],
  );
  return (
    <section className="record-witnesses" aria-labelledby="witnesses-heading">
      <h3 id="witnesses-heading">{t('record.witnesses')}</h3>
      {witnesses.length === 0 ? (
        <p className="status">{t('record.noWitnesses')}</p>
      ) : (
        <ul className="witnesses">
          {witnesses.map((witness) => (
            <WitnessItem key={witness.witness} record={record} witness={witness} />
          ))}
        </ul>
      )}
      <p className="record-note">
        <FormattedMessage
          id="record.witnessExplained"
          values={{ command: <code className="command">{t('record.witnessCommand')}</code> }}
        />
      </p>
    </section>
  );
}
