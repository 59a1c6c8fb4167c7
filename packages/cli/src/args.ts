import { parseArgs } from 'node:util';
import type { MessageKey, WitnessMessageKey } from '@plenum/i18n';
import { isValidKeyName } from '@plenum/log';
import type { CountCommandOptions } from './count-command.ts';
import type { VerifyCommandOptions } from './verify-command.ts';
import type { WitnessOptions } from './witness-command.ts';
import type { MembersImportOptions } from './members-import.ts';

export type CommandName = 'serve' | 'init' | 'demo';
export const COMMANDS: readonly CommandName[] = ['serve', 'init', 'demo'];

export interface Flags {
  readonly port?: string;
  readonly host?: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly name?: string;
  readonly origin?: string;
  /** `plenum init --statute <file.yaml>`: the statute the founders adopt (the demo's if absent). */
  readonly statute?: string;
  /** `plenum demo --scenario 1923`: play a historical scenario on the demo. */
  readonly scenario?: string;
}

export type Invocation =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'command'; readonly command: CommandName; readonly flags: Flags }
  | { readonly kind: 'verify-record'; readonly target: string; readonly options: VerifyCommandOptions }
  | { readonly kind: 'verify-election'; readonly target: string; readonly json: boolean }
  | {
      readonly kind: 'trustee';
      readonly server: string;
      readonly ballotId: string;
      readonly options: { member: string; key: string; seed: string; on: string | undefined };
    }
  | { readonly kind: 'count'; readonly file: string; readonly options: CountCommandOptions }
  | { readonly kind: 'statute-check'; readonly file: string }
  | { readonly kind: 'statute-example'; readonly name: string }
  | { readonly kind: 'members-check'; readonly file: string; readonly dateOrder: 'dmy' | 'mdy' | 'ymd' | undefined }
  | {
      readonly kind: 'members-import';
      readonly file: string;
      readonly options: MembersImportOptions;
      readonly flags: Flags;
    }
  | { readonly kind: 'witness'; readonly target: string; readonly options: WitnessOptions }
  | {
      readonly kind: 'witness-usage-error';
      readonly messageKey: WitnessMessageKey;
      readonly params: Record<string, string>;
    }
  | { readonly kind: 'usage-error'; readonly messageKey: MessageKey; readonly params: Record<string, string> };

const SERVER_OPTIONS = {
  port: { type: 'string', short: 'p' },
  origin: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string', short: 'd' },
  'database-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const OPTIONS_OF = {
  serve: SERVER_OPTIONS,
  demo: { ...SERVER_OPTIONS, scenario: { type: 'string' } },
  init: {
    'data-dir': { type: 'string', short: 'd' },
    'database-url': { type: 'string' },
    name: { type: 'string' },
    origin: { type: 'string' },
    statute: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
} as const;

/** Reads the command line (attacker-controlled only in the sense of typos). Never throws. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) return usage('cli.error.noCommand', {});
  if (first === '--help' || first === '-h' || first === 'help') return { kind: 'help' };
  if (first === '--version' || first === '-V' || first === '-v') return { kind: 'version' };
  if (first.startsWith('-')) return usage('cli.error.unknownOption', { option: first });
  if (first === 'verify') return parseVerify(rest);
  if (first === 'trustee') return parseTrustee(rest);
  if (first === 'witness') return parseWitness(rest);
  if (first === 'count') return parseCount(rest);
  if (first === 'statute') return parseStatuteCommand(rest);
  if (first === 'members') return parseMembersCommand(rest);
  if (!isCommand(first)) return usage('cli.error.unknownCommand', { command: first });
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: OPTIONS_OF[first],
      strict: true,
      allowPositionals: true,
    });
    if (positionals[0] !== undefined) return usage('cli.error.unexpectedArgument', { argument: positionals[0] });
    if (values.help === true) return { kind: 'help' };
    return { kind: 'command', command: first, flags: toFlags(values) };
  } catch (error) {
    return fromParseError(error);
  }
}

const VERIFY_OPTIONS = {
  vkey: { type: 'string' },
  remembered: { type: 'string' },
  cosigner: { type: 'string', multiple: true },
  entries: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `plenum verify election <archive|url> [--json]`, or `plenum verify record <dir|url> --vkey … [--remembered file] [--cosigner vkey]… [--entries plenum|any]` */
function parseVerify(argv: readonly string[]): Invocation {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: VERIFY_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    if (values.help === true) return { kind: 'help' };
    const [what, target, extra] = positionals;
    if (what === 'election') {
      if (target === undefined) return usage('election.verify.error.usage', {});
      if (extra !== undefined) return usage('cli.error.unexpectedArgument', { argument: extra });
      return { kind: 'verify-election', target, json: values.json === true };
    }
    if (what !== 'record' || target === undefined || values.vkey === undefined) return usage('verify.error.usage', {});
    if (extra !== undefined) return usage('cli.error.unexpectedArgument', { argument: extra });
    const entries = values.entries ?? 'plenum';
    if (entries !== 'plenum' && entries !== 'any') return usage('verify.error.entries', { value: entries });
    return {
      kind: 'verify-record',
      target,
      options: { vkey: values.vkey, remembered: values.remembered, cosigners: values.cosigner ?? [], entries },
    };
  } catch (error) {
    return fromParseError(error);
  }
}

const TRUSTEE_OPTIONS = {
  member: { type: 'string' },
  key: { type: 'string' },
  seed: { type: 'string' },
  on: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `plenum trustee <server-url> <ballot-id> --member <id> --key <file> --seed <file> [--on day]` */
function parseTrustee(argv: readonly string[]): Invocation {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: TRUSTEE_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    if (values.help === true) return { kind: 'help' };
    const [server, ballotId, extra] = positionals;
    const { member, key, seed, on } = values;
    if (
      server === undefined ||
      ballotId === undefined ||
      member === undefined ||
      key === undefined ||
      seed === undefined
    ) {
      return usage('trustee.error.usage', {});
    }
    if (extra !== undefined) return usage('cli.error.unexpectedArgument', { argument: extra });
    if (!/^https?:\/\//.test(server)) return usage('trustee.error.usage', {});
    if (on !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(on)) return usage('trustee.error.usage', {});
    return { kind: 'trustee', server, ballotId, options: { member, key, seed, on } };
  } catch (error) {
    return fromParseError(error);
  }
}

const COUNT_OPTIONS = {
  method: { type: 'string', short: 'm' },
  seats: { type: 'string' },
  format: { type: 'string' },
  seed: { type: 'string' },
  threshold: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `plenum count --method <name> [--seats N] [--format f] [--seed s] [--threshold P] [--json] <file>` */
function parseCount(argv: readonly string[]): Invocation {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: COUNT_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    if (values.help === true) return { kind: 'help' };
    const [file, extra] = positionals;
    if (file === undefined || values.method === undefined) return usage('count.error.usage', {});
    if (extra !== undefined) return usage('cli.error.unexpectedArgument', { argument: extra });
    let seats: number | undefined;
    if (values.seats !== undefined) {
      seats = /^\d{1,6}$/.test(values.seats) ? Number(values.seats) : 0;
      if (seats < 1) return usage('count.error.seatsValue', { value: values.seats });
    }
    if (values.threshold !== undefined && !/^\d{1,2}(\.\d{1,6})?$/.test(values.threshold)) {
      return usage('count.error.thresholdValue', { value: values.threshold });
    }
    return {
      kind: 'count',
      file,
      options: {
        method: values.method,
        seats,
        format: values.format,
        seed: values.seed,
        threshold: values.threshold,
        json: values.json === true,
      },
    };
  } catch (error) {
    return fromParseError(error);
  }
}

/** `plenum statute check <file>` | `plenum statute example <name>` */
function parseStatuteCommand(argv: readonly string[]): Invocation {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help === true) return { kind: 'help' };
    const [what, target, extra] = positionals;
    if (extra !== undefined) return usage('cli.error.unexpectedArgument', { argument: extra });
    if (what === 'check' && target !== undefined) return { kind: 'statute-check', file: target };
    if (what === 'example' && target !== undefined) return { kind: 'statute-example', name: target };
    return usage('statute.error.usage', {});
  } catch (error) {
    return fromParseError(error);
  }
}

const MEMBERS_OPTIONS = {
  'date-order': { type: 'string' },
  by: { type: 'string' },
  key: { type: 'string' },
  vote: { type: 'string' },
  on: { type: 'string' },
  'data-dir': { type: 'string', short: 'd' },
  'database-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `plenum members check <file.csv> [--date-order dmy|mdy|ymd]`
 * `plenum members import <file.csv> --by founders|body:<id> [--key file] [--vote y,n,a,p] [--on day] [--date-order …] [--data-dir dir]`
 */
function parseMembersCommand(argv: readonly string[]): Invocation {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: MEMBERS_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    if (values.help === true) return { kind: 'help' };
    const [what, file, extra] = positionals;
    if (extra !== undefined) return usage('cli.error.unexpectedArgument', { argument: extra });
    if ((what !== 'check' && what !== 'import') || file === undefined) return usage('members.error.usage', {});
    const order = values['date-order'];
    if (order !== undefined && order !== 'dmy' && order !== 'mdy' && order !== 'ymd') {
      return usage('members.error.dateOrder', { value: order });
    }
    if (what === 'check') {
      for (const option of ['by', 'key', 'vote', 'on', 'data-dir', 'database-url'] as const) {
        if (values[option] !== undefined) return usage('cli.error.unknownOption', { option: `--${option}` });
      }
      return { kind: 'members-check', file, dateOrder: order };
    }
    if (values.by === undefined) return usage('members.error.usage', {});
    return {
      kind: 'members-import',
      file,
      options: { by: values.by, key: values.key, vote: values.vote, on: values.on, dateOrder: order },
      flags: toFlags(values),
    };
  } catch (error) {
    return fromParseError(error);
  }
}

const WITNESS_OPTIONS = {
  vkey: { type: 'string' },
  dir: { type: 'string' },
  name: { type: 'string' },
  once: { type: 'boolean' },
  interval: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** At most a day between two checks; at least something above zero. */
const MAX_INTERVAL_SECONDS = 86_400;

/** `plenum witness <url> [--vkey key] [--dir dir] [--name name] [--once] [--interval seconds]` */
function parseWitness(argv: readonly string[]): Invocation {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: WITNESS_OPTIONS,
      strict: true,
      allowPositionals: true,
    });
    if (values.help === true) return { kind: 'help' };
    const [target, extra] = positionals;
    if (target === undefined) return witnessUsage('witness.error.usage', {});
    if (extra !== undefined) return usage('cli.error.unexpectedArgument', { argument: extra });
    let intervalSeconds: number | undefined;
    if (values.interval !== undefined) {
      intervalSeconds = /^\d+(\.\d+)?$/.test(values.interval) ? Number(values.interval) : Number.NaN;
      if (!(intervalSeconds > 0 && intervalSeconds <= MAX_INTERVAL_SECONDS)) {
        return witnessUsage('witness.error.interval', { value: values.interval });
      }
    }
    const name = values.name;
    if (name !== undefined && (name.length > 200 || !isValidKeyName(name))) {
      return witnessUsage('witness.error.name', { value: name });
    }
    return {
      kind: 'witness',
      target,
      options: { vkey: values.vkey, dir: values.dir, name, once: values.once === true, intervalSeconds },
    };
  } catch (error) {
    return fromParseError(error);
  }
}

function witnessUsage(messageKey: WitnessMessageKey, params: Record<string, string>): Invocation {
  return { kind: 'witness-usage-error', messageKey, params };
}

function toFlags(values: Readonly<Record<string, unknown>>): Flags {
  const flags: { -readonly [K in keyof Flags]: string } = {};
  const pick = (key: string): string | undefined => {
    const value = values[key];
    return typeof value === 'string' ? value : undefined;
  };
  const assign = (target: keyof Flags, key: string): void => {
    const value = pick(key);
    if (value !== undefined) flags[target] = value;
  };
  assign('port', 'port');
  assign('host', 'host');
  assign('dataDir', 'data-dir');
  assign('databaseUrl', 'database-url');
  assign('name', 'name');
  assign('origin', 'origin');
  assign('statute', 'statute');
  assign('scenario', 'scenario');
  return flags;
}

function fromParseError(error: unknown): Invocation {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return usage('cli.error.unknownOption', { option: quoted });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return usage('cli.error.missingValue', { option: optionName(message) });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return usage('cli.error.unexpectedArgument', { argument: quoted });
    default:
      return usage('cli.error.badOption', { detail: message.split('\n')[0] ?? message });
  }
}

/** "Option '-p, --port <value>' argument missing" → "--port". */
function optionName(message: string): string {
  return /--[a-z-]+/.exec(message)?.[0] ?? message;
}

function isCommand(value: string): value is CommandName {
  return (COMMANDS as readonly string[]).includes(value);
}

function usage(messageKey: MessageKey, params: Record<string, string>): Invocation {
  return { kind: 'usage-error', messageKey, params };
}
