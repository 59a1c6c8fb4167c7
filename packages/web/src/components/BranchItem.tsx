import { useState, type JSX } from 'react';
import type { Unit } from '../organisation.ts';
import { useT } from '../useT.ts';
import { MemberList } from './MemberList.tsx';

interface Props {
  /** A unit of the statute's last level: the one members belong to. */
  readonly unit: Unit;
  readonly count: number;
}

/** A unit of the members' level (in the demo, a branch) and its member count; opening it fetches and lists the members. */
export function BranchItem({ unit, count }: Props): JSX.Element {
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
          <span className="branch-name">{unit.name}</span>
          <span className="branch-count">{t('overview.members', { count })}</span>
        </summary>
        {opened ? <MemberList unitId={unit.id} count={count} /> : null}
      </details>
    </li>
  );
}
