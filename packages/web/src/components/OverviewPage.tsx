import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import type { PublicRecord } from '../api/client.ts';
import type { Remote } from '../api/load-error.ts';
import { BodyList } from './BodyList.tsx';
import { LoadFailure } from './LoadFailure.tsx';
import { Loading } from './Loading.tsx';
import { OrganisationHeading } from './OrganisationHeading.tsx';
import { RecordPanel } from './RecordPanel.tsx';
import { SectionList } from './SectionList.tsx';
import { Totals } from './Totals.tsx';

interface Props {
  readonly overview: Remote<Overview>;
  readonly record: Remote<PublicRecord>;
}

/** The whole organisation at a glance, and the public record it is kept in. */
export function OverviewPage({ overview, record }: Props): JSX.Element {
  return (
    <>
      <OrganisationHeading overview={overview.state === 'ready' ? overview.value : undefined} />
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
      {/* Loaded on its own: the record can be checked even when the overview cannot be shown. */}
      {overview.state === 'loading' ? null : <RecordPanel record={record} />}
    </>
  );
}
