import { createIntl, createIntlCache } from '@formatjs/intl';

// The messages of `plenum verify record`, in English and Brazilian Portuguese, kept apart
// until they are merged into en.ts and pt-BR.ts (then this file, its test and its line in
// index.ts go, and VerifyTranslate becomes plain Translate). ICU MessageFormat, as there:
// text in <angle brackets> must be quoted, '<like this>', or formatjs reads it as a tag.
export const verifyMessagesEn = {
  'cli.command.verify': "verify the public record served in a directory or at a URL: verify record '<dir|url>'",
  'cli.option.vkey': 'verifier key of the log whose record is checked (verify)',
  'cli.option.remembered':
    'a checkpoint file verified before: the log must not have forked since (verify; not changed)',
  'cli.option.cosigner': 'verifier key of a witness whose cosignature must be on the checkpoint; repeatable (verify)',
  'cli.option.entries': 'what the entries are: plenum (events, checked; the default) or any (not checked) (verify)',
  'verify.checkpoint': 'Checkpoint of {origin}: {size, plural, one {# entry} other {# entries}}, root {root}',
  'verify.cosigned': 'Cosigned by {name} ({keyId}) at {time}',
  'verify.cosignedUntimed': 'Cosigned by {name} ({keyId})',
  'verify.signedUnknown': 'Also signed by {name} ({keyId}), a key not given with --cosigner: not checked',
  'verify.consistent':
    'Consistent with the remembered checkpoint of {size, plural, one {# entry} other {# entries}} (root {root}).',
  'verify.problem': 'Problem [{code}]: {message}',
  'verify.fork':
    'The log has shown two different histories. Keep the remembered checkpoint and the current one: together they prove it.',
  'verify.ok':
    'Verified: the signature, {tiles, plural, one {# tile} other {# tiles}}, {bundles, plural, one {# entry bundle} other {# entry bundles}} and {entries, plural, one {# entry} other {# entries}} all check out.',
  'verify.failed': 'NOT verified: {count, plural, one {# problem} other {# problems}} found in {target}.',
  'verify.progress': 'Verifying… {done, number} of {total, number} files',
  'verify.error.target': 'plenum: “{target}” is neither a directory nor an http(s) URL.',
  'verify.error.remembered': 'plenum: cannot read the remembered checkpoint {file}: {reason}',
  'verify.error.vkey': 'plenum: the key given with --vkey is not a valid log verifier key: {reason}',
  'verify.error.cosigner': 'plenum: a key given with --cosigner is not valid: {reason}',
  'verify.error.usage':
    "plenum: usage: plenum verify record '<dir|url>' --vkey '<key>' [--remembered '<file>'] [--cosigner '<key>']… [--entries plenum|any]",
  'verify.error.entries': 'plenum: --entries must be “plenum” or “any”, not “{value}”.',
} as const;

export type VerifyMessageKey = keyof typeof verifyMessagesEn;

export const verifyMessagesPtBR: Readonly<Record<VerifyMessageKey, string>> = {
  'cli.command.verify': "verificar o registro público servido em um diretório ou em uma URL: verify record '<dir|url>'",
  'cli.option.vkey': 'chave de verificação do log cujo registro é verificado (verify)',
  'cli.option.remembered':
    'um arquivo de checkpoint verificado antes: o log não pode ter se bifurcado desde então (verify; não é alterado)',
  'cli.option.cosigner':
    'chave de verificação de uma testemunha cuja cossinatura deve estar no checkpoint; pode ser repetida (verify)',
  'cli.option.entries':
    'o que são as entradas: plenum (eventos, verificados; o padrão) ou any (não verificadas) (verify)',
  'verify.checkpoint': 'Checkpoint de {origin}: {size, plural, one {# entrada} other {# entradas}}, raiz {root}',
  'verify.cosigned': 'Cossinado por {name} ({keyId}) em {time}',
  'verify.cosignedUntimed': 'Cossinado por {name} ({keyId})',
  'verify.signedUnknown': 'Assinado também por {name} ({keyId}), uma chave não dada com --cosigner: não verificada',
  'verify.consistent':
    'Consistente com o checkpoint guardado de {size, plural, one {# entrada} other {# entradas}} (raiz {root}).',
  'verify.problem': 'Problema [{code}]: {message}',
  'verify.fork':
    'O log mostrou duas histórias diferentes. Conserve o checkpoint guardado e o atual: juntos, eles são a prova.',
  'verify.ok':
    'Verificado: a assinatura, {tiles, plural, one {# tile} other {# tiles}}, {bundles, plural, one {# pacote de entradas} other {# pacotes de entradas}} e {entries, plural, one {# entrada} other {# entradas}} — tudo confere.',
  'verify.failed':
    'NÃO verificado: {count, plural, one {# problema encontrado} other {# problemas encontrados}} em {target}.',
  'verify.progress': 'Verificando… {done, number} de {total, number} arquivos',
  'verify.error.target': 'plenum: “{target}” não é um diretório nem uma URL http(s).',
  'verify.error.remembered': 'plenum: não é possível ler o checkpoint guardado {file}: {reason}',
  'verify.error.vkey': 'plenum: a chave dada com --vkey não é uma chave de verificação de log válida: {reason}',
  'verify.error.cosigner': 'plenum: uma chave dada com --cosigner não é válida: {reason}',
  'verify.error.usage':
    "plenum: uso: plenum verify record '<dir|url>' --vkey '<chave>' [--remembered '<arquivo>'] [--cosigner '<chave>']… [--entries plenum|any]",
  'verify.error.entries': 'plenum: --entries deve ser “plenum” ou “any”, não “{value}”.',
};

/** A translator of these messages; once they are in the catalogs, any `Translate` is one. */
export type VerifyTranslate = (key: VerifyMessageKey, params?: Readonly<Record<string, string | number>>) => string;

const cache = createIntlCache();

/** Formats these messages in one locale (until they are merged: then use createTranslator). */
export function createVerifyTranslator(locale: 'en' | 'pt-BR'): VerifyTranslate {
  const messages = locale === 'en' ? verifyMessagesEn : verifyMessagesPtBR;
  const intl = createIntl({ locale, defaultLocale: 'en', messages }, cache);
  return (key, params) => intl.formatMessage({ id: key }, params);
}
