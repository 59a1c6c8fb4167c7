import { createIntl, createIntlCache } from '@formatjs/intl';

// The messages of `plenum witness`, in English and Brazilian Portuguese, kept apart like those
// of `plenum verify` until they are merged into en.ts and pt-BR.ts (then this file, its test
// and its line in index.ts go, and WitnessTranslate becomes plain Translate). ICU
// MessageFormat: text in <angle brackets> must be quoted, '<like this>', or formatjs reads it
// as a tag. Sizes in the alarms are plain {size} (digits, no grouping), so that they read the
// same as in the checkpoints and the evidence file.
export const witnessMessagesEn = {
  'cli.command.witness': "follow the log served at a URL, check that it never forks, and cosign it: witness '<url>'",
  'witness.help.heading': "Options of plenum witness '<url>' (the server’s address, or its /log/):",
  'witness.help.vkey': 'verifier key of the log: needed on the first run, then pinned in the witness directory',
  'witness.help.dir':
    'witness directory: its key, the pinned log key, the latest checkpoint, the history, any evidence (env PLENUM_WITNESS_DIR, default {dir})',
  'witness.help.name': 'name of the witness key made on the first run (default: witness.invalid/ and random digits)',
  'witness.help.once': 'check and cosign once, then exit (default: keep following)',
  'witness.help.interval': 'seconds between two checks when following (default {seconds})',
  'witness.exit.heading': 'Exit codes of plenum witness:',
  'witness.exit.0': 'stopped by Ctrl-C or SIGTERM; with --once: checked, and cosigned if new',
  'witness.exit.1':
    'the log could not be reached or the cosignature was not delivered (--once), or the witness directory cannot be used',
  'witness.exit.2': 'wrong command line, a missing or different --vkey, or a different --name',
  'witness.exit.3': 'the log forked, showed a split view or rolled back: an evidence file was written',
  'witness.exit.4': 'the log served a checkpoint or tiles that do not verify (--once; when following, it tries again)',

  'witness.error.usage':
    "plenum: usage: plenum witness '<url>' [--vkey '<key>'] [--dir '<dir>'] [--name '<name>'] [--once] [--interval '<seconds>']",
  'witness.error.url': 'plenum: “{url}” is not the http(s) URL of a Plenum server or of its log.',
  'witness.error.interval':
    'plenum: --interval must be a number of seconds greater than 0 and at most 86400, not “{value}”.',
  'witness.error.name': 'plenum: “{value}” cannot name a witness key (no spaces or “+”, 1 to 200 characters).',
  'witness.error.vkeyMissing':
    "plenum: the first run of a witness needs the log’s verifier key: add --vkey '<key>', as the organisation publishes it (not as the server you are checking says it).",
  'witness.error.vkey': 'plenum: the key given with --vkey is not a valid log verifier key: {reason}',
  'witness.error.vkeyMismatch':
    'plenum: REFUSED: the log key given with --vkey, {given}, is not the one pinned in {file}, {pinned}. A witness never replaces the key it pinned: if the log really has a new key, it is a new log; witness it with another --dir.',
  'witness.error.nameMismatch':
    'plenum: the witness key {file} is named “{name}”, not “{given}”: a witness key is never renamed. Leave out --name, or use another --dir for a new witness.',
  'witness.error.dir': 'plenum: the witness directory {dir} cannot be used: {reason}',
  'witness.error.locked':
    'plenum: another witness (process {pid}) is using {dir}. Two witnesses with one key could each cosign one side of a fork; if that process is gone, delete {file}.',
  'witness.error.keyPermissions':
    'plenum: the witness key {file} can be read by others (mode {mode}). Run “chmod 600 {file}”; a witness does not cosign with a key others may have copied.',
  'witness.error.keyMalformed': 'plenum: the witness key {file} cannot be read: {reason}',
  'witness.error.pinnedMalformed': 'plenum: the pinned log key {file} cannot be read: {reason}',
  'witness.error.latestMalformed':
    'plenum: the remembered checkpoint {file} does not open with the pinned log key: {reason}. It was left as it is.',
  'witness.error.write': 'plenum: cannot write {file}: {reason}',
  'witness.error.unexpected': 'plenum: the witness stopped on an unexpected error: {reason}',

  'witness.keyCreated':
    'Created the witness key {file} (readable by you only: back it up). Give its verifier key to the log’s operator and members: {vkey}',
  'witness.key': 'Witness key: {vkey}',
  'witness.pinned': 'Pinned the log key {vkey} in {file}.',
  'witness.following': 'Following {url} every {seconds, number} s; Ctrl-C stops.',
  'witness.first':
    'First checkpoint of {origin}: {size, plural, one {# entry} other {# entries}}, root {root}; its tiles give that root.',
  'witness.grew':
    'The log {origin} grew from {oldSize, number} to {size, plural, one {# entry} other {# entries}}, root {root}: consistent with the remembered checkpoint.',
  'witness.unchanged': 'No change: {size, plural, one {# entry} other {# entries}}, root {root}.',
  'witness.cosigned': 'Cosigned the checkpoint of size {size, number}; the server accepted the cosignature.',
  'witness.refused':
    'plenum: the server refused the cosignature of the checkpoint of size {size, number} ({status}): {reason}',
  'witness.undelivered':
    'plenum: the cosignature of the checkpoint of size {size, number} could not be delivered: {reason}',
  'witness.retry': 'Trying again in {seconds, number} s.',
  'witness.recovered': 'The log can be checked again.',
  'witness.stopping': 'Stopping the witness.',

  'witness.error.unavailable': 'plenum: the log cannot be reached: {reason}',
  'witness.error.notServed': 'plenum: {url} is not served (HTTP 404). Is {base} a Plenum server, or its /log/?',
  'witness.error.checkpoint':
    'plenum: UNTRUSTED: the checkpoint served at {url} does not verify with the pinned log key {vkey}: {reason}. Nothing was cosigned; the remembered checkpoint is unchanged.',
  'witness.error.tiles':
    'plenum: the tiles served under {url} do not prove the checkpoint of size {size}: {reason}. Nothing was cosigned; the remembered checkpoint is unchanged.',

  'witness.alarm.splitView':
    '!!! SPLIT VIEW: the log {origin} signed two different trees of the same size, {size}.\n    remembered: size {size}, root {oldRoot}\n    served now: size {size}, root {newRoot}, at {url}\nBoth checkpoints carry valid signatures by the log key: together they prove that the log shows different histories to different people.',
  'witness.alarm.fork':
    '!!! FORK: the log {origin} signed a tree of size {newSize} that does not extend the remembered tree of size {oldSize}.\n    remembered: size {oldSize}, root {oldRoot}\n    served now: size {newSize}, root {newRoot}, at {url}\nBy its own tiles, the first {oldSize} entries of the served tree have the root {computedRoot}, not {oldRoot} (RFC 9162 consistency proof). Both checkpoints carry valid signatures by the log key: together they prove that the log rewrote its history.',
  'witness.alarm.rollback':
    '!!! ROLLBACK: the log {origin} now serves a tree of size {newSize}, smaller than the remembered tree of size {oldSize}.\n    remembered: size {oldSize}, root {oldRoot}\n    served now: size {newSize}, root {newRoot}, at {url}\nA log only grows: it went back on its history, or someone serves an old checkpoint in its place.',
  'witness.alarm.evidence':
    'Evidence, both signed checkpoints, which anyone can check with the log key {vkey}: {file}\nThe remembered checkpoint is kept and nothing was cosigned. Keep the file and tell the members.',
  'witness.alarm.noEvidence':
    'The evidence file {file} could not be written ({reason}). Keep this output; the remembered checkpoint:\n{remembered}\nthe checkpoint served now:\n{served}',
} as const;

export type WitnessMessageKey = keyof typeof witnessMessagesEn;

export const witnessMessagesPtBR: Readonly<Record<WitnessMessageKey, string>> = {
  'cli.command.witness':
    "acompanhar o log servido em uma URL, verificar que ele nunca se bifurca e cossiná-lo: witness '<url>'",
  'witness.help.heading': "Opções de plenum witness '<url>' (o endereço do servidor, ou o seu /log/):",
  'witness.help.vkey':
    'chave de verificação do log: necessária na primeira execução, depois fixada no diretório da testemunha',
  'witness.help.dir':
    'diretório da testemunha: sua chave, a chave do log fixada, o último checkpoint, o histórico, eventuais provas (env PLENUM_WITNESS_DIR, padrão {dir})',
  'witness.help.name':
    'nome da chave da testemunha criada na primeira execução (padrão: witness.invalid/ e dígitos aleatórios)',
  'witness.help.once': 'verificar e cossinar uma vez, depois sair (padrão: continuar acompanhando)',
  'witness.help.interval': 'segundos entre duas verificações ao acompanhar (padrão {seconds})',
  'witness.exit.heading': 'Códigos de saída de plenum witness:',
  'witness.exit.0': 'parado por Ctrl-C ou SIGTERM; com --once: verificado, e cossinado se novo',
  'witness.exit.1':
    'o log não pôde ser acessado ou a cossinatura não foi entregue (--once), ou o diretório da testemunha não pode ser usado',
  'witness.exit.2': 'linha de comando errada, --vkey ausente ou diferente, ou --name diferente',
  'witness.exit.3': 'o log se bifurcou, mostrou uma visão dividida ou retrocedeu: um arquivo de prova foi escrito',
  'witness.exit.4': 'o log serviu um checkpoint ou tiles que não se verificam (--once; ao acompanhar, tenta de novo)',

  'witness.error.usage':
    "plenum: uso: plenum witness '<url>' [--vkey '<chave>'] [--dir '<diretório>'] [--name '<nome>'] [--once] [--interval '<segundos>']",
  'witness.error.url': 'plenum: “{url}” não é a URL http(s) de um servidor Plenum nem do seu log.',
  'witness.error.interval':
    'plenum: --interval deve ser um número de segundos maior que 0 e no máximo 86400, não “{value}”.',
  'witness.error.name':
    'plenum: “{value}” não pode ser o nome de uma chave de testemunha (sem espaços nem “+”, de 1 a 200 caracteres).',
  'witness.error.vkeyMissing':
    "plenum: a primeira execução de uma testemunha precisa da chave de verificação do log: acrescente --vkey '<chave>', tal como a organização a publica (não como o servidor que você verifica a informa).",
  'witness.error.vkey': 'plenum: a chave dada com --vkey não é uma chave de verificação de log válida: {reason}',
  'witness.error.vkeyMismatch':
    'plenum: RECUSADO: a chave do log dada com --vkey, {given}, não é a fixada em {file}, {pinned}. Uma testemunha nunca substitui a chave que fixou: se o log tem mesmo uma chave nova, é um log novo; acompanhe-o com outro --dir.',
  'witness.error.nameMismatch':
    'plenum: a chave da testemunha {file} se chama “{name}”, não “{given}”: uma chave de testemunha nunca é renomeada. Omita --name, ou use outro --dir para uma nova testemunha.',
  'witness.error.dir': 'plenum: o diretório da testemunha {dir} não pode ser usado: {reason}',
  'witness.error.locked':
    'plenum: outra testemunha (processo {pid}) está usando {dir}. Duas testemunhas com uma só chave poderiam cossinar cada uma um lado de uma bifurcação; se esse processo não existe mais, apague {file}.',
  'witness.error.keyPermissions':
    'plenum: a chave da testemunha {file} pode ser lida por outros (modo {mode}). Execute “chmod 600 {file}”; uma testemunha não cossina com uma chave que outros podem ter copiado.',
  'witness.error.keyMalformed': 'plenum: não é possível ler a chave da testemunha {file}: {reason}',
  'witness.error.pinnedMalformed': 'plenum: não é possível ler a chave do log fixada {file}: {reason}',
  'witness.error.latestMalformed':
    'plenum: o checkpoint guardado {file} não se abre com a chave do log fixada: {reason}. Ele foi deixado como está.',
  'witness.error.write': 'plenum: não é possível escrever {file}: {reason}',
  'witness.error.unexpected': 'plenum: a testemunha parou por um erro inesperado: {reason}',

  'witness.keyCreated':
    'Chave da testemunha criada em {file} (legível só por você: faça uma cópia de segurança). Dê a sua chave de verificação ao operador e aos membros do log: {vkey}',
  'witness.key': 'Chave da testemunha: {vkey}',
  'witness.pinned': 'Chave do log {vkey} fixada em {file}.',
  'witness.following': 'Acompanhando {url} a cada {seconds, number} s; Ctrl-C para.',
  'witness.first':
    'Primeiro checkpoint de {origin}: {size, plural, one {# entrada} other {# entradas}}, raiz {root}; os seus tiles dão essa raiz.',
  'witness.grew':
    'O log {origin} cresceu de {oldSize, number} para {size, plural, one {# entrada} other {# entradas}}, raiz {root}: consistente com o checkpoint guardado.',
  'witness.unchanged': 'Nenhuma mudança: {size, plural, one {# entrada} other {# entradas}}, raiz {root}.',
  'witness.cosigned': 'Checkpoint de tamanho {size, number} cossinado; o servidor aceitou a cossinatura.',
  'witness.refused':
    'plenum: o servidor recusou a cossinatura do checkpoint de tamanho {size, number} ({status}): {reason}',
  'witness.undelivered':
    'plenum: a cossinatura do checkpoint de tamanho {size, number} não pôde ser entregue: {reason}',
  'witness.retry': 'Nova tentativa em {seconds, number} s.',
  'witness.recovered': 'O log pode ser verificado de novo.',
  'witness.stopping': 'Parando a testemunha.',

  'witness.error.unavailable': 'plenum: o log não pode ser acessado: {reason}',
  'witness.error.notServed': 'plenum: {url} não é servido (HTTP 404). {base} é um servidor Plenum, ou o seu /log/?',
  'witness.error.checkpoint':
    'plenum: NÃO CONFIÁVEL: o checkpoint servido em {url} não se verifica com a chave do log fixada {vkey}: {reason}. Nada foi cossinado; o checkpoint guardado não mudou.',
  'witness.error.tiles':
    'plenum: os tiles servidos em {url} não provam o checkpoint de tamanho {size}: {reason}. Nada foi cossinado; o checkpoint guardado não mudou.',

  'witness.alarm.splitView':
    '!!! VISÃO DIVIDIDA: o log {origin} assinou duas árvores diferentes do mesmo tamanho, {size}.\n    guardado: tamanho {size}, raiz {oldRoot}\n    servido agora: tamanho {size}, raiz {newRoot}, em {url}\nOs dois checkpoints têm assinaturas válidas da chave do log: juntos, provam que o log mostra histórias diferentes a pessoas diferentes.',
  'witness.alarm.fork':
    '!!! BIFURCAÇÃO: o log {origin} assinou uma árvore de tamanho {newSize} que não estende a árvore guardada de tamanho {oldSize}.\n    guardado: tamanho {oldSize}, raiz {oldRoot}\n    servido agora: tamanho {newSize}, raiz {newRoot}, em {url}\nSegundo os seus próprios tiles, as primeiras {oldSize} entradas da árvore servida têm a raiz {computedRoot}, não {oldRoot} (prova de consistência RFC 9162). Os dois checkpoints têm assinaturas válidas da chave do log: juntos, provam que o log reescreveu a sua história.',
  'witness.alarm.rollback':
    '!!! RETROCESSO: o log {origin} serve agora uma árvore de tamanho {newSize}, menor que a árvore guardada de tamanho {oldSize}.\n    guardado: tamanho {oldSize}, raiz {oldRoot}\n    servido agora: tamanho {newSize}, raiz {newRoot}, em {url}\nUm log só cresce: ele voltou atrás na sua história, ou alguém serve um checkpoint antigo no seu lugar.',
  'witness.alarm.evidence':
    'Prova, os dois checkpoints assinados, que qualquer pessoa pode verificar com a chave do log {vkey}: {file}\nO checkpoint guardado foi mantido e nada foi cossinado. Guarde o arquivo e avise os membros.',
  'witness.alarm.noEvidence':
    'O arquivo de prova {file} não pôde ser escrito ({reason}). Guarde esta saída; o checkpoint guardado:\n{remembered}\no checkpoint servido agora:\n{served}',
};

/** A translator of these messages; once they are in the catalogs, any `Translate` is one. */
export type WitnessTranslate = (key: WitnessMessageKey, params?: Readonly<Record<string, string | number>>) => string;

const cache = createIntlCache();

/** Formats these messages in one locale (until they are merged: then use createTranslator). */
export function createWitnessTranslator(locale: 'en' | 'pt-BR'): WitnessTranslate {
  const messages = locale === 'en' ? witnessMessagesEn : witnessMessagesPtBR;
  const intl = createIntl({ locale, defaultLocale: 'en', messages }, cache);
  return (key, params) => intl.formatMessage({ id: key }, params);
}
