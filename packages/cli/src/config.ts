import { resolve } from 'node:path';
import type { MessageKey } from '@plenum/i18n';
import { isEmailAddress } from '@plenum/app';
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
  /** E-mail circulation (PLENUM_SMTP_URL, PLENUM_MAIL_FROM), or undefined: in the app only. */
  readonly mail: MailConfig | undefined;
  /** The server's public address, ending in "/" (PLENUM_PUBLIC_URL): links in e-mail. */
  readonly publicUrl: string | undefined;
}

export interface MailConfig {
  /** smtp:// or smtps://, credentials included: never printed (see describeSmtpUrl). */
  readonly smtpUrl: string;
  readonly from: string;
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
  const mail = mailConfig(env);
  if (!mail.ok) return mail;
  const rawPublicUrl = nonEmpty(env['PLENUM_PUBLIC_URL']);
  const publicUrl = rawPublicUrl === undefined ? undefined : httpUrl(rawPublicUrl);
  if (publicUrl === null) {
    return { ok: false, messageKey: 'cli.error.publicUrl', params: { value: rawPublicUrl ?? '' } };
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
      mail: mail.mail,
      publicUrl,
    },
  };
}

/**
 * PLENUM_SMTP_URL (smtp:// or smtps://, with the user and password if the server wants them)
 * and PLENUM_MAIL_FROM; both or neither. Only environment variables: a password given as a
 * flag would show in every process listing. A wrong URL is shown without its password.
 */
function mailConfig(
  env: Readonly<Record<string, string | undefined>>,
):
  | { readonly ok: true; readonly mail: MailConfig | undefined }
  | { readonly ok: false; readonly messageKey: MessageKey; readonly params: Record<string, string> } {
  const smtpUrl = nonEmpty(env['PLENUM_SMTP_URL'])?.trim();
  if (smtpUrl === undefined) return { ok: true, mail: undefined };
  let url: URL | undefined;
  try {
    url = new URL(smtpUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    return { ok: false, messageKey: 'cli.error.smtpUrl', params: { value: maskCredentials(smtpUrl) } };
  }
  // An address, or a name and an address: "Plenum <plenum@example.org>".
  const from = (env['PLENUM_MAIL_FROM'] ?? '').trim();
  const named = /^[^<>"\r\n]*<([^<>]+)>$/.exec(from)?.[1];
  if (!isEmailAddress(named ?? from)) return { ok: false, messageKey: 'cli.error.mailFrom', params: { value: from } };
  return { ok: true, mail: { smtpUrl, from } };
}

/** The value as it may be shown: whatever comes before an "@" (user, password) masked. */
function maskCredentials(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at < 0) return raw;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw)?.[0] ?? '';
  return `${scheme}***${raw.slice(at)}`;
}

/** An http(s) address, ending in "/", or null. */
function httpUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const text = url.toString();
    return text.endsWith('/') ? text : `${text}/`;
  } catch {
    return null;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
