import type { MessageKey, Translate, WitnessTranslate } from '@plenum/i18n';
import { COUNT_METHODS } from '@plenum/tally';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from './config.ts';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_WITNESS_DIR } from './witness-command.ts';

/** The text of `plenum --help`, in the user's language (`w`: the witness's messages, in the same one). */
export function helpText(t: Translate, w?: WitnessTranslate): string {
  const rows = (entries: [string, string][]): string =>
    entries.map(([left, right]) => `  ${left.padEnd(26)}${right}`).join('\n');
  return [
    `${t('app.name')} — ${t('app.tagline')}`,
    '',
    t('cli.usage'),
    '',
    t('cli.commands'),
    rows([
      ['serve', t('cli.command.serve')],
      ['init', t('cli.command.init')],
      ['demo [--scenario 1923]', t('cli.command.demo')],
      ['verify record <dir|url>', t('cli.command.verify')],
      ['verify election <archive|url>', t('cli.command.verifyElection')],
      ['trustee <url> <ballot-id>', t('cli.command.trustee')],
      ['count <file>', t('cli.command.count')],
      ['statute check <file>', t('cli.command.statuteCheck')],
      ['statute example demo|1921', t('cli.command.statuteExample')],
      ['members check <file.csv>', t('cli.command.membersCheck')],
      ['members import <file.csv>', t('cli.command.membersImport')],
      ...(w === undefined ? [] : [['witness <url>', w('cli.command.witness')] as [string, string]]),
    ]),
    '',
    t('cli.options'),
    rows([
      ['-p, --port <port>', t('cli.option.port', { port: DEFAULT_PORT })],
      ['--host <address>', t('cli.option.host', { host: DEFAULT_HOST })],
      ['-d, --data-dir <dir>', t('cli.option.dataDir', { dir: DEFAULT_DATA_DIR })],
      ['--database-url <url>', t('cli.option.databaseUrl')],
      ['--name <name>', t('cli.option.name')],
      ['--origin <origin>', t('cli.option.origin')],
      ['--statute <file.yaml>', t('cli.option.statute')],
      ['--by founders|body:<id>', t('cli.option.by')],
      ['--key <file>', t('cli.option.key')],
      ['--vote y,n,a,present', t('cli.option.vote')],
      ['--on <YYYY-MM-DD>', t('cli.option.on')],
      ['--vkey <key>', t('cli.option.vkey')],
      ['--remembered <file>', t('cli.option.remembered')],
      ['--cosigner <key>', t('cli.option.cosigner')],
      ['--entries plenum|any', t('cli.option.entries')],
      ['-m, --method <name>', t('cli.option.method')],
      ['--seats <n>', t('cli.option.seats')],
      ['--format <format>', t('cli.option.format')],
      ['--seed <seed>', t('cli.option.seed')],
      ['--threshold <percent>', t('cli.option.threshold')],
      ['--json', t('cli.option.json')],
      ['--date-order dmy|mdy|ymd', t('cli.option.dateOrder')],
      ['-h, --help', t('cli.option.help')],
      ['-V, --version', t('cli.option.version')],
    ]),
    '',
    t('cli.environment'),
    rows([
      ['PLENUM_SMTP_URL', t('cli.env.smtpUrl')],
      ['PLENUM_MAIL_FROM', t('cli.env.mailFrom')],
      ['PLENUM_PUBLIC_URL', t('cli.env.publicUrl')],
    ]),
    '',
    t('count.methods.heading'),
    rows(COUNT_METHODS.map((method) => [method.name, t(`count.method.${method.name}` as MessageKey)])),
    ...(w === undefined ? [] : ['', witnessHelp(w, rows)]),
  ].join('\n');
}

function witnessHelp(w: WitnessTranslate, rows: (entries: [string, string][]) => string): string {
  return [
    w('witness.help.heading'),
    rows([
      ['--vkey <key>', w('witness.help.vkey')],
      ['--dir <dir>', w('witness.help.dir', { dir: DEFAULT_WITNESS_DIR })],
      ['--name <name>', w('witness.help.name')],
      ['--once', w('witness.help.once')],
      ['--interval <seconds>', w('witness.help.interval', { seconds: DEFAULT_INTERVAL_SECONDS })],
    ]),
    '',
    w('witness.exit.heading'),
    ...(['0', '1', '2', '3', '4'] as const).map((code) => `  ${code}  ${w(`witness.exit.${code}`)}`),
  ].join('\n');
}
