import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import { useT } from '../useT.ts';

/** The headline numbers: members, units and the length of the record (which leads to the public record). */
export function Totals({ overview }: { readonly overview: Overview }): JSX.Element {
  const t = useT();
  return (
    <ul className="totals">
      <li className="total">{t('overview.members', { count: overview.memberTotal })}</li>
      <li className="total">{t('overview.units', { count: overview.units.length })}</li>
      <li className="total">
        <a href="#record">{t('overview.record', { count: overview.eventCount })}</a>
      </li>
    </ul>
  );
}
