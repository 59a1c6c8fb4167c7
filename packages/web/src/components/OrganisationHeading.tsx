import { useEffect, type JSX } from 'react';
import { useIntl } from 'react-intl';
import type { Overview } from '@plenum/api';
import { labelOf, rootOf } from '../organisation.ts';
import { useT } from '../useT.ts';

/**
 * The page's title: the organisation's name (its root unit's) under the statute's word for
 * its level, and the statute it is governed by. Before it is loaded or founded, a plain title.
 */
export function OrganisationHeading({ overview }: { readonly overview: Overview | undefined }): JSX.Element {
  const t = useT();
  const { locale } = useIntl();
  const root = overview === undefined ? undefined : rootOf(overview);
  const name = overview?.name ?? null;
  const statute = overview?.statute ?? null;

  // The tab and the history name the organisation too, not only Plenum.
  useEffect(() => {
    document.title = name === null ? t('app.name') : `${name} · ${t('app.name')}`;
  }, [name, t]);

  return (
    <div className="page-heading">
      {name !== null && root !== undefined ? <p className="page-eyebrow">{labelOf(root.level, locale)}</p> : null}
      <h1>{name ?? t('overview.heading')}</h1>
      {statute === null ? null : (
        <p className="statute">{t('overview.statute', { title: statute.title, version: statute.version })}</p>
      )}
    </div>
  );
}
