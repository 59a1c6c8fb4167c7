import { useId, type JSX } from 'react';
import { LOCALES, isLocale, type Locale } from '@plenum/i18n';
import { useT } from '../useT.ts';

interface Props {
  readonly locale: Locale;
  readonly onChange: (locale: Locale) => void;
}

export function LanguageSelect({ locale, onChange }: Props): JSX.Element {
  const t = useT();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isLocale(chosen)) onChange(chosen);
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
