import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import { unitsOfKind } from '../organisation.ts';
import { useCollator } from '../useCollator.ts';
import { useT } from '../useT.ts';
import { SectionCard } from './SectionCard.tsx';

export function SectionList({ overview }: { readonly overview: Overview }): JSX.Element {
  const t = useT();
  const collator = useCollator();
  return (
    <section className="block" aria-labelledby="sections-heading">
      <h2 id="sections-heading">{t('overview.sections')}</h2>
      <ul className="sections">
        {unitsOfKind(overview, 'section', collator).map((section) => (
          <SectionCard key={section.id} overview={overview} section={section} />
        ))}
      </ul>
    </section>
  );
}
