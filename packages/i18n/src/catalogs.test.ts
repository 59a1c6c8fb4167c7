import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { ptBR } from './pt-BR.ts';
import { createIntl } from '@formatjs/intl';
import { createTranslator, negotiateLocale } from './translate.ts';

/** The placeholders a message uses, e.g. {count} and {name}, ignoring plural branches. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([a-zA-Z][\w]*)\s*(?:[,}])/g)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

describe('message catalogs', () => {
  it('pt-BR translates exactly the keys of en', () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
  });

  it('every pt-BR message keeps the placeholders of its English source', () => {
    for (const [key, source] of Object.entries(en)) {
      const translated = ptBR[key as keyof typeof en];
      expect({ key, placeholders: placeholders(translated) }).toEqual({ key, placeholders: placeholders(source) });
    }
  });

  it('formats every message of both catalogs without an ICU syntax error', () => {
    for (const [locale, messages] of [
      ['en', en],
      ['pt-BR', ptBR],
    ] as const) {
      const errors: string[] = [];
      const intl = createIntl({ locale, messages, onError: (error) => errors.push(`${locale}: ${error.message}`) });
      for (const id of Object.keys(messages)) {
        const params = Object.fromEntries(placeholders(messages[id as keyof typeof en]).map((name) => [name, 1]));
        intl.formatMessage({ id }, params);
      }
      expect(errors).toEqual([]);
    }
  });

  it('formats plurals by the CLDR rules of each language', () => {
    const tEn = createTranslator('en');
    const tPt = createTranslator('pt-BR');
    expect(tEn('overview.members', { count: 1 })).toBe('1 member');
    expect(tEn('overview.members', { count: 1000 })).toBe('1,000 members');
    expect(tPt('overview.members', { count: 1 })).toBe('1 membro');
    expect(tPt('overview.members', { count: 1000 })).toBe('1.000 membros');
  });

  it('negotiates Accept-Language and POSIX LANG values', () => {
    expect(negotiateLocale('pt-BR,pt;q=0.9,en;q=0.8')).toBe('pt-BR');
    expect(negotiateLocale('pt_PT.UTF-8')).toBe('pt-BR');
    expect(negotiateLocale('de-DE,en;q=0.5')).toBe('en');
    expect(negotiateLocale('C.UTF-8')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
  });
});
