import type { JSX } from 'react';
import { useIntl } from 'react-intl';
import type { Overview } from '@plenum/api';
import { bodiesInOrder, bodyKindLabel, unitName } from '../organisation.ts';
import { useCollator } from '../useCollator.ts';
import { useT } from '../useT.ts';

/** The organisation's bodies, from the top of the tree down: what each is, whose it is, and how many sit on it. */
export function BodyList({ overview }: { readonly overview: Overview }): JSX.Element {
  const t = useT();
  const { locale } = useIntl();
  const collator = useCollator();
  return (
    <section className="block" aria-labelledby="bodies-heading">
      <h2 id="bodies-heading">{t('overview.bodies')}</h2>
      {overview.bodies.length === 0 ? <p className="status">{t('overview.noBodies')}</p> : null}
      <ul className="bodies">
        {bodiesInOrder(overview, collator).map((body) => {
          const kind = bodyKindLabel(body, locale);
          return (
            <li key={body.id} className="body">
              <span className="body-name">{body.name}</span>
              {kind === undefined ? null : <span className="body-kind">{kind}</span>}
              <span className="body-scope">{t('body.scope', { unit: unitName(overview, body.unitId) })}</span>
              <span className="body-members">{t('overview.members', { count: body.members })}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
