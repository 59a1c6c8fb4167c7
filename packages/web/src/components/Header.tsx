import type { JSX } from 'react';
import type { Locale } from '@plenum/i18n';
import type { LiveStatus } from '../api/useLive.ts';
import { useT } from '../useT.ts';
import { LanguageSelect } from './LanguageSelect.tsx';
import { LiveIndicator } from './LiveIndicator.tsx';

interface Props {
  readonly locale: Locale;
  readonly onLocaleChange: (locale: Locale) => void;
  readonly live: LiveStatus;
}

export function Header({ locale, onLocaleChange, live }: Props): JSX.Element {
  const t = useT();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <div className="brand">
          <a className="brand-name" href="/">
            {t('app.name')}
          </a>
          <p className="brand-tagline">{t('app.tagline')}</p>
        </div>
        <nav className="site-nav">
          <ul>
            <li>
              <a href="/" aria-current="page">
                {t('nav.overview')}
              </a>
            </li>
          </ul>
        </nav>
        <div className="site-tools">
          <LanguageSelect locale={locale} onChange={onLocaleChange} />
          <LiveIndicator status={live} />
        </div>
      </div>
    </header>
  );
}
