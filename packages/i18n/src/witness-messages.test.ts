import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { createWitnessTranslator, witnessMessagesEn, witnessMessagesPtBR } from './witness-messages.ts';

/** The placeholders a message uses, e.g. {count} and {name}, ignoring plural branches. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([a-zA-Z][\w]*)\s*(?:[,}])/g)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

describe('witness messages (to be merged into the catalogs)', () => {
  it('pt-BR translates exactly the English keys, keeping their placeholders', () => {
    expect(Object.keys(witnessMessagesPtBR).sort()).toEqual(Object.keys(witnessMessagesEn).sort());
    for (const [key, source] of Object.entries(witnessMessagesEn)) {
      const translated = witnessMessagesPtBR[key as keyof typeof witnessMessagesEn];
      expect({ key, placeholders: placeholders(translated) }).toEqual({ key, placeholders: placeholders(source) });
    }
  });

  it('uses no key of the catalogs (so that merging them later loses nothing)', () => {
    for (const key of Object.keys(witnessMessagesEn)) expect(Object.hasOwn(en, key), key).toBe(false);
  });

  it('formats every message in both languages without an ICU error (text in <brackets> is quoted)', () => {
    for (const [locale, messages] of [
      ['en', witnessMessagesEn],
      ['pt-BR', witnessMessagesPtBR],
    ] as const) {
      const errors: string[] = [];
      const intl = createIntl({ locale, messages, onError: (error) => errors.push(`${locale}: ${error.message}`) });
      for (const [id, message] of Object.entries(messages)) {
        const params = Object.fromEntries(placeholders(message).map((name) => [name, 2]));
        const text = intl.formatMessage({ id }, params);
        expect(text, id).not.toMatch(/'/);
        expect(text, id).not.toMatch(/[{}]/);
      }
      expect(errors).toEqual([]);
    }
    expect(createWitnessTranslator('en')('cli.command.witness')).toContain('witness <url>');
    expect(createWitnessTranslator('pt-BR')('witness.error.usage')).toContain('--vkey <chave>');
  });

  it('formats in both languages, sizes in the alarms as plain digits', () => {
    const en = createWitnessTranslator('en');
    const pt = createWitnessTranslator('pt-BR');
    expect(en('witness.first', { origin: 'o', size: 1, root: 'r' })).toBe(
      'First checkpoint of o: 1 entry, root r; its tiles give that root.',
    );
    expect(pt('witness.unchanged', { size: 1500, root: 'r' })).toBe('Nenhuma mudança: 1.500 entradas, raiz r.');
    const alarm = en('witness.alarm.rollback', {
      origin: 'o',
      oldSize: 1500,
      newSize: 1000,
      oldRoot: 'A=',
      newRoot: 'B=',
      url: 'u',
    });
    expect(alarm.split('\n')).toHaveLength(4);
    expect(alarm).toContain('remembered: size 1500, root A=');
    expect(alarm).toContain('served now: size 1000, root B=, at u');
  });
});
