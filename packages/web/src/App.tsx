import type { JSX } from 'react';
import { IntlProvider } from 'react-intl';
import { DEFAULT_LOCALE, catalog } from '@plenum/i18n';
import { Shell } from './components/Shell.tsx';
import { useStoredLocale } from './useStoredLocale.ts';

export function App(): JSX.Element {
  const [locale, setLocale] = useStoredLocale();
  return (
    <IntlProvider locale={locale} defaultLocale={DEFAULT_LOCALE} messages={catalog(locale)}>
      <Shell locale={locale} onLocaleChange={setLocale} />
    </IntlProvider>
  );
}
