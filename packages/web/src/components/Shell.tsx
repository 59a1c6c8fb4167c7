import type { JSX } from 'react';
import type { LiveMessage } from '@plenum/api';
import type { Locale } from '@plenum/i18n';
import { useLive } from '../api/useLive.ts';
import { useOverview } from '../api/useOverview.ts';
import { useT } from '../useT.ts';
import { Header } from './Header.tsx';
import { OverviewPage } from './OverviewPage.tsx';

interface Props {
  readonly locale: Locale;
  readonly onLocaleChange: (locale: Locale) => void;
}

/** The page: header, and the overview kept current by the live connection. */
export function Shell({ locale, onLocaleChange }: Props): JSX.Element {
  const t = useT();
  const { overview, refresh } = useOverview(locale);
  const live = useLive((message: LiveMessage) => {
    // The record grew; or a new connection: retry after an error, catch up on missed events.
    const stale =
      message.type === 'events' ||
      overview.state === 'error' ||
      (overview.state === 'ready' && overview.value.eventCount !== message.events);
    if (stale) refresh();
  });
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header locale={locale} onLocaleChange={onLocaleChange} live={live} />
      <main id="main" className="site-main" tabIndex={-1}>
        <OverviewPage overview={overview} />
      </main>
    </>
  );
}
