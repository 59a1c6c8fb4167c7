import { errorBody, logInfo, memberList, overview, type LogInfo, type MemberList, type Overview } from '@plenum/api';
import type { Locale } from '@plenum/i18n';
import { readCheckpoint, type CheckpointSummary } from './checkpoint.ts';
import type { LoadError, Result } from './load-error.ts';

interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/**
 * GETs a JSON resource of the API and validates it. The Accept-Language header asks the
 * server to translate any error message into the language the user chose.
 */
async function getJson<T>(path: string, schema: Schema<T>, locale: Locale, signal?: AbortSignal): Promise<Result<T>> {
  const response = await get(path, 'application/json', locale, signal);
  if (!(response instanceof Response)) return { ok: false, error: response };
  if (!response.ok) return { ok: false, error: await failure(response) };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, error: { kind: 'unexpected', status: response.status } };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: { kind: 'unexpected', status: response.status } };
}

async function get(path: string, accept: string, locale: Locale, signal?: AbortSignal): Promise<Response | LoadError> {
  try {
    return await fetch(path, {
      headers: { Accept: accept, 'Accept-Language': locale },
      ...(signal === undefined ? {} : { signal }),
    });
  } catch {
    return { kind: 'unreachable' };
  }
}

/** The error an unsuccessful response carries: the server's translated message if it sent one. */
async function failure(response: Response): Promise<LoadError> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { kind: 'unexpected', status: response.status };
  }
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return { kind: 'unexpected', status: response.status };
  const { message, requestId } = parsed.data.error;
  return { kind: 'server', message, requestId };
}

export function fetchOverview(locale: Locale, signal?: AbortSignal): Promise<Result<Overview>> {
  return getJson('/api/overview', overview, locale, signal);
}

export function fetchMembers(unitId: string, locale: Locale, signal?: AbortSignal): Promise<Result<MemberList>> {
  return getJson(`/api/units/${encodeURIComponent(unitId)}/members`, memberList, locale, signal);
}

/** The public record as the page shows it: the log's identity and witnesses, and its latest checkpoint. */
export interface PublicRecord {
  readonly log: LogInfo;
  /** Null while the log has signed no checkpoint (or this server signs none). */
  readonly checkpoint: CheckpointSummary | null;
}

/**
 * GET /api/log, then GET /log/checkpoint — in that order, so that the checkpoint is at least
 * as recent as the witnesses' sizes. A server that signs no log has no checkpoint to ask for.
 */
export async function fetchPublicRecord(locale: Locale, signal?: AbortSignal): Promise<Result<PublicRecord>> {
  const log = await getJson('/api/log', logInfo, locale, signal);
  if (!log.ok) return log;
  if (log.value.verifierKey === null) return { ok: true, value: { log: log.value, checkpoint: null } };
  const checkpoint = await fetchCheckpoint(locale, signal);
  if (!checkpoint.ok) return checkpoint;
  return { ok: true, value: { log: log.value, checkpoint: checkpoint.value } };
}

/** GET /log/checkpoint: the latest signed checkpoint note, or null when there is none (404). */
async function fetchCheckpoint(locale: Locale, signal?: AbortSignal): Promise<Result<CheckpointSummary | null>> {
  const response = await get('/log/checkpoint', 'text/plain', locale, signal);
  if (!(response instanceof Response)) return { ok: false, error: response };
  if (response.status === 404) return { ok: true, value: null };
  if (!response.ok) return { ok: false, error: await failure(response) };
  let note: string;
  try {
    note = await response.text();
  } catch {
    return { ok: false, error: { kind: 'unexpected', status: response.status } };
  }
  const checkpoint = readCheckpoint(note);
  return checkpoint === undefined
    ? { ok: false, error: { kind: 'unexpected', status: response.status } }
    : { ok: true, value: checkpoint };
}
