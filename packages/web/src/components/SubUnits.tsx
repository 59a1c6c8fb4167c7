import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import { childrenOf, isMemberLevel, memberCountOf } from '../organisation.ts';
import { useCollator } from '../useCollator.ts';
import { useT } from '../useT.ts';
import { BranchItem } from './BranchItem.tsx';

interface Props {
  readonly overview: Overview;
  readonly parentId: string;
  /** The heading level of the units listed that are not of the members' level (below h6, h6). */
  readonly depth?: number;
}

/**
 * The units under one unit, level by level: those of the members' level open to their member
 * list (the demo's branches); those of a level in between (a statute with more levels than
 * the demo's) are headed and list their own units below them.
 */
export function SubUnits({ overview, parentId, depth = 4 }: Props): JSX.Element {
  const t = useT();
  const collator = useCollator();
  const Heading = depth <= 4 ? 'h4' : depth === 5 ? 'h5' : 'h6';
  return (
    <ul className="branches">
      {childrenOf(overview, parentId, collator).map((unit) =>
        isMemberLevel(overview, unit) ? (
          <BranchItem key={unit.id} unit={unit} count={memberCountOf(overview, unit)} />
        ) : (
          <li key={unit.id} className="subunit">
            <Heading className="subunit-heading">
              <span className="branch-name">{unit.name}</span>
              <span className="branch-count">{t('overview.members', { count: memberCountOf(overview, unit) })}</span>
            </Heading>
            <SubUnits overview={overview} parentId={unit.id} depth={depth + 1} />
          </li>
        ),
      )}
    </ul>
  );
}
