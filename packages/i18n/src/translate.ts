import { createIntl, createIntlCache } from '@formatjs/intl';
import { en, type MessageKey } from './en.ts';
import { ptBR } from './pt-BR.ts';

export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  en,
  'pt-BR': ptBR,
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function catalog(locale: Locale): Readonly<Record<MessageKey, string>> {
  return CATALOGS[locale];
}

/**
 * Picks the best supported locale from a list of preferences such as an Accept-Language
 * header ("pt-BR,pt;q=0.9,en;q=0.8") or a POSIX LANG value ("pt_BR.UTF-8").
 * Any Portuguese goes to pt-BR, the only Portuguese we have.
 */
export function negotiateLocale(preferences: string | undefined): Locale {
  if (preferences === undefined) return DEFAULT_LOCALE;
  const tags = preferences
    .split(',')
    .map((part) => part.split(';')[0]?.trim().split('.')[0]?.replace('_', '-').toLowerCase() ?? '')
    .filter((tag) => tag.length > 0);
  for (const tag of tags) {
    if (tag.startsWith('pt')) return 'pt-BR';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const cache = createIntlCache();

/** A formatter for one locale; ICU plurals and number formats come from the runtime's CLDR. */
export function createTranslator(locale: Locale): Translate {
  const intl = createIntl({ locale, defaultLocale: DEFAULT_LOCALE, messages: CATALOGS[locale] }, cache);
  return (key, params) => intl.formatMessage({ id: key }, params);
}
