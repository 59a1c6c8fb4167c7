import type { JSX } from 'react';
import type { LiveMessage } from '@plenum/api';
import type { Locale } from '@plenum/i18n';
import type { Remote } from '../api/load-error.ts';
import { useLive } from '../api/useLive.ts';
import { useOverview } from '../api/useOverview.ts';
import { useRecord } from '../api/useRecord.ts';
import { useT } from '../useT.ts';
import { Header } from './Header.tsx';
import { OverviewPage } from './OverviewPage.tsx';

interface Props {
  readonly locale: Locale;
  readonly onLocaleChange: (locale: Locale) => void;
}

/**
 * Whether what is shown must be fetched again: the record grew; or a new connection, after
 * which we retry an error and catch up on events missed while disconnected. (A witness's
 * cosignature changes only the public record: see Shell.)
 */
function isStale<T>(message: LiveMessage, shown: Remote<T>, eventCount: (value: T) => number): boolean {
  if (message.type === 'cosigned') return false;
  if (message.type === 'events') return true;
  if (shown.state === 'error') return true;
  return shown.state === 'ready' && eventCount(shown.value) !== message.events;
}

/** The page: header, and the overview and the public record kept current by one live connection. */
export function Shell({ locale, onLocaleChange }: Props): JSX.Element {
  const t = useT();
  const { overview, refresh } = useOverview(locale);
  const { record, refresh: refreshRecord } = useRecord(locale);
  const live = useLive((message: LiveMessage) => {
    if (isStale(message, overview, (value) => value.eventCount)) refresh();
    if (message.type === 'cosigned' || isStale(message, record, (value) => value.log.size)) refreshRecord();
  });
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header locale={locale} onLocaleChange={onLocaleChange} live={live} />
      <main id="main" className="site-main" tabIndex={-1}>
        <OverviewPage overview={overview} record={record} />
      </main>
    </>
  );
}
