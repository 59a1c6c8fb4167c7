import type { JSX } from 'react';
import { useIntl } from 'react-intl';
import type { Overview } from '@plenum/api';
import { childrenOf, isMemberLevel, labelOf, memberCountOf, type Unit } from '../organisation.ts';
import { useCollator } from '../useCollator.ts';
import { useT } from '../useT.ts';
import { BranchItem } from './BranchItem.tsx';
import { SubUnits } from './SubUnits.tsx';

interface Props {
  readonly overview: Overview;
  readonly unit: Unit;
}

/** One unit (in the demo, a national section) with the units below it. */
export function SectionCard({ overview, unit }: Props): JSX.Element {
  const t = useT();
  const { locale } = useIntl();
  const collator = useCollator();
  const count = memberCountOf(overview, unit);
  const leaf = isMemberLevel(overview, unit);
  return (
    <li className="card section">
      <h3>{unit.name}</h3>
      <p className="section-meta">
        <span className="section-level">{labelOf(unit.level, locale)}</span>
        {leaf ? null : (
          <>
            <span aria-hidden="true"> · </span>
            {t('overview.units', { count: childrenOf(overview, unit.id, collator).length })}
          </>
        )}
        <span aria-hidden="true"> · </span>
        {t('overview.members', { count })}
      </p>
      {leaf ? (
        // A unit of the members' level on its own card (a statute with no level in between).
        <ul className="branches">
          <BranchItem unit={unit} count={count} />
        </ul>
      ) : (
        <SubUnits overview={overview} parentId={unit.id} />
      )}
    </li>
  );
}
