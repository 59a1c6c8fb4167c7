import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import type { Remote } from '../api/load-error.ts';
import { useT } from '../useT.ts';
import { BodyList } from './BodyList.tsx';
import { FederationName } from './FederationName.tsx';
import { LoadFailure } from './LoadFailure.tsx';
import { Loading } from './Loading.tsx';
import { SectionList } from './SectionList.tsx';
import { Totals } from './Totals.tsx';

/** The whole organisation at a glance. */
export function OverviewPage({ overview }: { readonly overview: Remote<Overview> }): JSX.Element {
  const t = useT();
  return (
    <>
      <div className="page-heading">
        <h1>{t('overview.heading')}</h1>
        {overview.state === 'ready' ? <FederationName overview={overview.value} /> : null}
      </div>
      {overview.state === 'loading' ? <Loading /> : null}
      {overview.state === 'error' ? <LoadFailure message="status.error" error={overview.error} /> : null}
      {overview.state === 'ready' ? (
        <>
          <Totals overview={overview.value} />
          <div className="columns">
            <SectionList overview={overview.value} />
            <BodyList overview={overview.value} />
          </div>
        </>
      ) : null}
    </>
  );
}
