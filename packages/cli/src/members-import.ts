import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  parseActorRef,
  parseMemberCsv,
  planMemberImport,
  type Actor,
  type DateOrder,
  type GovernanceCommand,
  type MemberAdmission,
  type MemberCsvRow,
  type VoteCount,
} from '@plenum/domain';
import type { MessageKey, Translate } from '@plenum/i18n';
import { isTlogError, parseSignerKey } from '@plenum/log';
import { isEmailAddress, type Plenum } from '@plenum/app';
import { EXIT_FINE, EXIT_PROBLEMS, EXIT_USAGE, readText, reportCsvFileError, type CheckIo } from './statute-command.ts';
import { foundersKeyPath } from './founders-key.ts';

/**
 * `plenum members import <file.csv> --by <actor> [--key <file>] [--vote y,n,a,p] [--on day]`:
 * the member export of a union, admitted in ONE act of the record — every row or none.
 *
 * The file is read and checked in full first (parseMemberCsv, then planMemberImport against
 * the organisation as the record has it); any rejected row is reported, with its line and
 * reason, and nothing is written. Then every admission is decided by the rules engine for the
 * actor, and all are appended in one transaction; a refusal (citing its clause) writes nothing.
 *
 * - `--by founders`: the founding roll, signed with the data directory's founders key; each
 *   member keeps the admission date the file gives (the seniority voting rights count from).
 * - `--by body:<id>`: the competent body (the statute's membership.admission.by) admits by
 *   the vote its tellers counted (`--vote yes,no,abstain,present`), signed with the body's
 *   key (`--key`, a signer-key file as `plenum init` writes); membership begins on the day of
 *   the decision (`--on`, default today), so a row dated otherwise is rejected: only the
 *   founding roll may keep earlier dates (Plenum governance.founding-roll).
 *
 * The file's e-mail addresses are kept once the admissions are recorded, beside the record and
 * never in it (Plenum.setContacts): the server circulates platforms and letters to them.
 *
 * A member's id is derived from the row (its membership number if it has one, else its name,
 * unit and date), so importing the same file twice is refused row by row as "exists already".
 */
export interface MembersImportOptions {
  readonly by: string;
  readonly key: string | undefined;
  readonly vote: string | undefined;
  readonly on: string | undefined;
  readonly dateOrder: DateOrder | undefined;
}

/** A CSV export is at most this large (the same bound as `plenum members check`). */
const MAX_CSV_BYTES = 256 * 1024 * 1024;

export async function runMembersImport(
  file: string,
  options: MembersImportOptions,
  plenum: Plenum,
  dataDir: string,
  today: string,
  io: CheckIo,
  t: Translate,
): Promise<number> {
  const actor = parseActorRef(options.by);
  if (actor === undefined || actor.kind === 'member' || actor.kind === 'applicant') {
    io.err(t('members.import.error.by', { value: options.by }));
    return EXIT_USAGE;
  }
  const on = options.on ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) {
    io.err(t('members.import.error.on', { value: on }));
    return EXIT_USAGE;
  }
  let vote: VoteCount | null = null;
  if (actor.kind === 'body') {
    const parsed = parseVote(options.vote);
    if (parsed === undefined) {
      io.err(t('members.import.error.vote', { value: options.vote ?? '' }));
      return EXIT_USAGE;
    }
    vote = parsed;
  } else if (options.vote !== undefined) {
    io.err(t('members.import.error.foundersVote', {}));
    return EXIT_USAGE;
  }
  const secret = readActorKey(actor, options.key, dataDir, io, t);
  if (secret === undefined) return EXIT_PROBLEMS;

  const text = await readText(file, MAX_CSV_BYTES, io, t);
  if (text === undefined) return EXIT_PROBLEMS;
  const csv = parseMemberCsv(text, options.dateOrder === undefined ? {} : { dateOrder: options.dateOrder });
  if (!csv.ok) {
    reportCsvFileError(file, csv.fileError, io, t);
    return EXIT_PROBLEMS;
  }
  const state = await plenum.state();
  const statute = state.statute;
  if (statute === null) {
    io.err(t('members.import.error.noStatute', {}));
    return EXIT_PROBLEMS;
  }
  const memberLevel = statute.units.levels[statute.units.levels.length - 1];
  const plan = planMemberImport(state, csv.rows, {
    today: on,
    isMemberUnit: (unit) => unit.level === memberLevel,
    newId: memberIdOf,
    columns: csv.columns,
  });
  const rejected: {
    readonly line: number;
    readonly messageKey: MessageKey;
    readonly params: Readonly<Record<string, string | number>>;
  }[] = [...csv.rejected, ...(plan.ok ? [] : plan.rejected)];
  // An address Plenum could not mail to (see isEmailAddress: stricter than the file's check)
  // is a rejected row too, before anything is written.
  const emailColumn = csv.columns.email;
  for (const row of csv.rows) {
    if (row.email !== undefined && row.email !== '' && !isEmailAddress(row.email)) {
      rejected.push({
        line: row.line,
        messageKey: 'import.members.row.emailInvalid',
        params: { line: row.line, column: emailColumn ?? 'email', value: row.email },
      });
    }
  }
  if (plan.ok && actor.kind === 'body') {
    // A body's admission begins on its decision; the file's dates must say so.
    const dateColumn = csv.columns.admittedOn;
    for (const row of csv.rows) {
      if (row.admittedOn !== on) {
        rejected.push({
          line: row.line,
          messageKey: 'import.members.row.backdated',
          params: { line: row.line, column: dateColumn, value: row.admittedOn, on },
        });
      }
    }
  }
  if (rejected.length > 0) {
    rejected.sort((a, b) => a.line - b.line);
    for (const row of rejected) io.err(`${file}:${row.line}: ${t(row.messageKey, row.params)}`);
    io.err(t('members.import.refused', { file, rejected: new Set(rejected.map((r) => r.line)).size }));
    return EXIT_PROBLEMS;
  }
  if (!plan.ok) return EXIT_PROBLEMS;

  const signer = plenum.localSigner(actor, secret);
  const result = await plenum.execute(
    plan.admissions.map((admission) => ({ by: signer, command: admissionCommand(admission, actor, on, vote) })),
  );
  if (!result.ok) {
    io.err(t(result.messageKey as MessageKey, result.params));
    io.err(t('members.import.notRecorded', { file }));
    return EXIT_PROBLEMS;
  }
  const first = result.value[0]?.seq ?? 0;
  const last = result.value[result.value.length - 1]?.seq ?? 0;
  io.out(t('members.import.done', { file, members: plan.admissions.length, first, last }));
  // The e-mail addresses, once the admissions are in the record: kept beside it, never in it
  // (the record is public), for the server to circulate platforms and letters by e-mail.
  const contacts = csv.rows.flatMap((row) =>
    row.email === undefined || row.email === '' ? [] : [{ memberId: memberIdOf(row), email: row.email }],
  );
  await plenum.setContacts(contacts);
  io.out(t('members.import.contacts', { count: contacts.length }));
  return EXIT_FINE;
}

function admissionCommand(
  admission: MemberAdmission,
  actor: Actor,
  on: string,
  vote: VoteCount | null,
): GovernanceCommand {
  const { admittedOn, ...member } = admission;
  return {
    type: 'admitMember',
    member,
    applicationId: null,
    on,
    ...(actor.kind === 'founders' ? { since: admittedOn } : {}),
    vote,
  };
}

/**
 * The id of the member a row describes: stable across imports of the same export, so a row
 * imported twice is found as an existing member. From the membership number when the file has
 * one, otherwise from the name, unit and date.
 */
export function memberIdOf(row: MemberCsvRow): string {
  const basis =
    row.externalId !== undefined && row.externalId !== ''
      ? `number\n${row.externalId}`
      : `row\n${row.givenName}\n${row.familyName}\n${row.unitRef}\n${row.admittedOn}`;
  return `m-${createHash('sha256').update(basis.normalize('NFC'), 'utf8').digest('hex').slice(0, 16)}`;
}

/** "yes,no,abstain,present" as four whole numbers, or undefined. */
function parseVote(raw: string | undefined): VoteCount | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(',');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,9}$/.test(p.trim()))) return undefined;
  const [yes, no, abstain, present] = parts.map((p) => Number(p.trim())) as [number, number, number, number];
  return { yes, no, abstain, present };
}

/** The actor's secret: the founders key of the data directory, or the signer-key file given. */
function readActorKey(
  actor: Actor,
  keyFile: string | undefined,
  dataDir: string,
  io: CheckIo,
  t: Translate,
): Uint8Array | undefined {
  const file = keyFile ?? (actor.kind === 'founders' ? foundersKeyPath(dataDir) : undefined);
  if (file === undefined) {
    io.err(t('members.import.error.key', {}));
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    io.err(t('check.error.read', { file, reason: (error as NodeJS.ErrnoException).code ?? 'error' }));
    return undefined;
  }
  try {
    return parseSignerKey(text).seed;
  } catch (error) {
    if (!isTlogError(error)) throw error;
    io.err(t('members.import.error.keyFile', { file, reason: error.message }));
    return undefined;
  }
}
