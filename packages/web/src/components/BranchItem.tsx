import { useState, type JSX } from 'react';
import type { Unit } from '../organisation.ts';
import { useT } from '../useT.ts';
import { MemberList } from './MemberList.tsx';

interface Props {
  readonly branch: Unit;
  readonly count: number;
}

/** A branch and its member count; opening it fetches and lists the members. */
export function BranchItem({ branch, count }: Props): JSX.Element {
  const t = useT();
  const [opened, setOpened] = useState(false);
  return (
    <li className="branch">
      <details
        onToggle={(event) => {
          if (event.currentTarget.open) setOpened(true);
        }}
      >
        <summary>
          <span className="branch-name">{branch.name}</span>
          <span className="branch-count">{t('overview.members', { count })}</span>
        </summary>
        {opened ? <MemberList branchId={branch.id} count={count} /> : null}
      </details>
    </li>
  );
}
