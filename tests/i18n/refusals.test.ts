// Every refusal the rules engine can give has its message in every catalog, with the
// clause placeholder: a refusal always cites its rule, in the member's language.
import { describe, expect, it } from 'vitest';
import { GOVERNANCE_REFUSALS } from '../../packages/domain/src/governance/decide.ts';
import { MEMBER_FIELD_MESSAGE_KEYS, MEMBER_IMPORT_MESSAGE_KEYS } from '../../packages/domain/src/import/member-csv.ts';
import { CRYPTO_MESSAGE_KEYS } from '../../packages/crypto/src/errors.ts';
import { en } from '../../packages/i18n/src/en.ts';
import { ptBR } from '../../packages/i18n/src/pt-BR.ts';

describe('governance refusals are translated', () => {
  for (const [name, catalog] of [
    ['en', en],
    ['pt-BR', ptBR],
  ] as const) {
    it(`${name}: every refusal has a message citing {rule}`, () => {
      const messages = catalog as Record<string, string>;
      const missing = GOVERNANCE_REFUSALS.filter((key) => !(`refusal.governance.${key}` in messages));
      expect(missing).toEqual([]);
      for (const key of GOVERNANCE_REFUSALS) expect(messages[`refusal.governance.${key}`]).toContain('{rule}');
    });
  }
});

describe('member import messages are translated', () => {
  for (const [name, catalog] of [
    ['en', en],
    ['pt-BR', ptBR],
  ] as const) {
    it(`${name}: every message of the CSV import report and every field label`, () => {
      const messages = catalog as Record<string, string>;
      const keys = [...MEMBER_IMPORT_MESSAGE_KEYS, ...Object.values(MEMBER_FIELD_MESSAGE_KEYS)];
      expect(keys.length).toBeGreaterThan(30);
      expect(keys.filter((key) => !(key in messages))).toEqual([]);
    });
  }
});

describe('secret-ballot refusals are translated', () => {
  for (const [name, catalog] of [
    ['en', en],
    ['pt-BR', ptBR],
  ] as const) {
    it(`${name}: every refusal of @plenum/crypto cites {rule} and says where and what`, () => {
      const messages = catalog as Record<string, string>;
      for (const key of CRYPTO_MESSAGE_KEYS) {
        for (const placeholder of ['{rule}', '{where}', '{detail}']) expect(messages[key], key).toContain(placeholder);
      }
    });
  }
});
