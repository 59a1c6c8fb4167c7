import { resolve } from 'node:path';
import type { MessageKey } from '@plenum/i18n';
import { isValidKeyName } from '@plenum/log';
import type { Flags } from './args.ts';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = 'plenum-data';
export const DEFAULT_NAME = 'Organisation';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly name: string;
  /** The log origin for a new log; undefined: a random default. */
  readonly origin: string | undefined;
  /** The statute file `plenum init` adopts; undefined: the demo federation's statute. */
  readonly statute: string | undefined;
  /** The scenario `plenum demo --scenario` plays on the demo (only "1923"). */
  readonly scenario: string | undefined;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly messageKey: MessageKey; readonly params: Record<string, string> };

/** Flags win over the environment, which wins over the defaults. */
export function resolveConfig(
  flags: Flags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ConfigResult {
  const rawPort = flags.port ?? env['PORT'] ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535) {
    return { ok: false, messageKey: 'cli.error.badPort', params: { value: rawPort } };
  }
  const name = (flags.name ?? DEFAULT_NAME).trim();
  if (name.length === 0 || name.length > 200) return { ok: false, messageKey: 'cli.error.badName', params: {} };
  const databaseUrl = flags.databaseUrl ?? nonEmpty(env['PLENUM_DATABASE_URL']);
  const origin = flags.origin ?? nonEmpty(env['PLENUM_LOG_ORIGIN']);
  if (origin !== undefined && (origin.length > 200 || !isValidKeyName(origin))) {
    return { ok: false, messageKey: 'cli.error.badOrigin', params: { value: origin } };
  }
  return {
    ok: true,
    config: {
      port: Number(rawPort),
      host: flags.host ?? nonEmpty(env['PLENUM_HOST']) ?? DEFAULT_HOST,
      dataDir: resolve(cwd, flags.dataDir ?? nonEmpty(env['PLENUM_DATA_DIR']) ?? DEFAULT_DATA_DIR),
      databaseUrl,
      name,
      origin,
      statute: flags.statute === undefined ? undefined : resolve(cwd, flags.statute),
      scenario: flags.scenario,
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
