import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import { cardUnitsOf, rootOf } from '../organisation.ts';
import { useCollator } from '../useCollator.ts';
import { useT } from '../useT.ts';
import { SectionCard } from './SectionCard.tsx';

/** The units' tree, from the level below the root down: a card for each unit of that level. */
export function SectionList({ overview }: { readonly overview: Overview }): JSX.Element {
  const t = useT();
  const collator = useCollator();
  return (
    <section className="block" aria-labelledby="sections-heading">
      <h2 id="sections-heading">{t('overview.structure')}</h2>
      {rootOf(overview) === undefined ? (
        <p className="status">{t('overview.notFounded')}</p>
      ) : (
        <ul className="sections">
          {cardUnitsOf(overview, collator).map((unit) => (
            <SectionCard key={unit.id} overview={overview} unit={unit} />
          ))}
        </ul>
      )}
    </section>
  );
}
