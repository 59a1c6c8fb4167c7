import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import { childrenOf, memberCountOf, type Unit } from '../organisation.ts';
import { useCollator } from '../useCollator.ts';
import { useT } from '../useT.ts';
import { BranchItem } from './BranchItem.tsx';

interface Props {
  readonly overview: Overview;
  readonly section: Unit;
}

/** One national section with its branches. */
export function SectionCard({ overview, section }: Props): JSX.Element {
  const t = useT();
  const collator = useCollator();
  const branches = childrenOf(overview, section.id, collator).filter((unit) => unit.kind === 'branch');
  return (
    <li className="card section">
      <h3>{section.name}</h3>
      <p className="section-meta">
        {t('overview.branches', { count: branches.length })}
        <span aria-hidden="true"> · </span>
        {t('overview.members', { count: memberCountOf(overview, section) })}
      </p>
      <ul className="branches">
        {branches.map((branch) => (
          <BranchItem key={branch.id} branch={branch} count={memberCountOf(overview, branch)} />
        ))}
      </ul>
    </li>
  );
}
