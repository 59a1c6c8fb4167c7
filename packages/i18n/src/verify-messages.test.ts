import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { createVerifyTranslator, verifyMessagesEn, verifyMessagesPtBR } from './verify-messages.ts';

/** The placeholders a message uses, e.g. {count} and {name}, ignoring plural branches. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([a-zA-Z][\w]*)\s*(?:[,}])/g)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

describe('verify messages (to be merged into the catalogs)', () => {
  it('pt-BR translates exactly the English keys, keeping their placeholders', () => {
    expect(Object.keys(verifyMessagesPtBR).sort()).toEqual(Object.keys(verifyMessagesEn).sort());
    for (const [key, source] of Object.entries(verifyMessagesEn)) {
      const translated = verifyMessagesPtBR[key as keyof typeof verifyMessagesEn];
      expect({ key, placeholders: placeholders(translated) }).toEqual({ key, placeholders: placeholders(source) });
    }
  });

  it('is merged into the English catalog as it is', () => {
    for (const [key, text] of Object.entries(verifyMessagesEn)) expect(en[key as keyof typeof en]).toBe(text);
  });

  it('formats every message without an ICU error (text in <brackets> is quoted)', () => {
    const params = { target: 't', value: 'v', reason: 'r', file: 'f', code: 'c', message: 'm', name: 'n' };
    const numbers = { keyId: 'k', time: 't', size: 2, root: 'r', origin: 'o', tiles: 1, bundles: 2, entries: 3 };
    for (const [locale, messages] of [
      ['en', verifyMessagesEn],
      ['pt-BR', verifyMessagesPtBR],
    ] as const) {
      const errors: string[] = [];
      const intl = createIntl({ locale, messages, onError: (error) => errors.push(error.message) });
      for (const id of Object.keys(messages)) {
        const text = intl.formatMessage({ id }, { ...params, ...numbers, count: 4, done: 5, total: 6 });
        expect(text, id).not.toMatch(/'/);
      }
      expect(errors).toEqual([]);
    }
    expect(createVerifyTranslator('en')('cli.command.verify')).toContain('verify record <dir|url>');
  });

  it('formats in both languages', () => {
    expect(createVerifyTranslator('en')('verify.failed', { count: 2, target: 'log/' })).toBe(
      'NOT verified: 2 problems found in log/.',
    );
    expect(createVerifyTranslator('pt-BR')('verify.progress', { done: 1500, total: 2000 })).toBe(
      'Verificando… 1.500 de 2.000 arquivos',
    );
  });
});
