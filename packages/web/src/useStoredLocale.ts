import { useCallback, useEffect, useState } from 'react';
import { isLocale, negotiateLocale, type Locale } from '@plenum/i18n';

const STORAGE_KEY = 'plenum.locale';

/** The stored choice if there is one, else the best match for the browser's languages. */
function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled; fall back to the browser's preferences.
  }
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return negotiateLocale(preferred.join(','));
}

/**
 * The interface language. A choice the user makes is remembered in localStorage; until
 * then the browser's languages decide. The locale is mirrored on <html lang>, so that
 * screen readers, hyphenation and the browser's translation offer follow it.
 */
export function useStoredLocale(): readonly [Locale, (locale: Locale) => void] {
  const [locale, setLocale] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const choose = useCallback((chosen: Locale) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, chosen);
    } catch {
      // Not remembering the choice is acceptable.
    }
    setLocale(chosen);
  }, []);

  return [locale, choose];
}
