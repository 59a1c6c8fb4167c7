import { errorBody, memberList, overview, type MemberList, type Overview } from '@plenum/api';
import type { Locale } from '@plenum/i18n';
import type { Result } from './load-error.ts';

interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/**
 * GETs a JSON resource of the API and validates it. The Accept-Language header asks the
 * server to translate any error message into the language the user chose.
 */
async function getJson<T>(path: string, schema: Schema<T>, locale: Locale, signal?: AbortSignal): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json', 'Accept-Language': locale },
      ...(signal === undefined ? {} : { signal }),
    });
  } catch {
    return { ok: false, error: { kind: 'unreachable' } };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, error: { kind: 'unexpected', status: response.status } };
  }
  if (!response.ok) {
    const parsed = errorBody.safeParse(json);
    if (!parsed.success) return { ok: false, error: { kind: 'unexpected', status: response.status } };
    const { message, requestId } = parsed.data.error;
    return { ok: false, error: { kind: 'server', message, requestId } };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: { kind: 'unexpected', status: response.status } };
}

export function fetchOverview(locale: Locale, signal?: AbortSignal): Promise<Result<Overview>> {
  return getJson('/api/overview', overview, locale, signal);
}

export function fetchMembers(unitId: string, locale: Locale, signal?: AbortSignal): Promise<Result<MemberList>> {
  return getJson(`/api/units/${encodeURIComponent(unitId)}/members`, memberList, locale, signal);
}
