import type { Translate } from '@plenum/i18n';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from './config.ts';

/** The text of `plenum --help`, in the user's language. */
export function helpText(t: Translate): string {
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
      ['demo', t('cli.command.demo')],
      ['verify record <dir|url>', t('cli.command.verify')],
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
      ['--vkey <key>', t('cli.option.vkey')],
      ['--remembered <file>', t('cli.option.remembered')],
      ['--cosigner <key>', t('cli.option.cosigner')],
      ['--entries plenum|any', t('cli.option.entries')],
      ['-h, --help', t('cli.option.help')],
      ['-V, --version', t('cli.option.version')],
    ]),
  ].join('\n');
}
