import { useMemo } from 'react';
import { useIntl } from 'react-intl';

/** A collator for the current locale, to sort names the way its readers expect. */
export function useCollator(): Intl.Collator {
  const { locale } = useIntl();
  return useMemo(() => new Intl.Collator(locale), [locale]);
}
