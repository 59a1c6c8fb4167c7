import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import { unitName } from '../organisation.ts';
import { useT } from '../useT.ts';

/** The organisation's bodies: what each is, whose it is, and how many seats it has. */
export function BodyList({ overview }: { readonly overview: Overview }): JSX.Element {
  const t = useT();
  return (
    <section className="block" aria-labelledby="bodies-heading">
      <h2 id="bodies-heading">{t('overview.bodies')}</h2>
      <ul className="bodies">
        {overview.bodies.map((body) => (
          <li key={body.id} className="body">
            <span className="body-name">{body.name}</span>
            <span className="body-kind">{t(`body.${body.kind}`)}</span>
            <span className="body-scope">{t('body.scope', { unit: unitName(overview, body.unitId) })}</span>
            {body.seats === null ? null : <span className="body-seats">{t('body.seats', { count: body.seats })}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
