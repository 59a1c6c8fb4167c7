import { PlenumError, isId } from '@plenum/kernel';

/** What this adapter needs of a zod schema: a safeParse whose issues carry their path. */
interface Schema<T> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

/** Issues named in one answer, at most: enough to fix a request, not a flood for a hostile one. */
const MAX_ISSUES = 5;

/**
 * Parses attacker-controlled input with its schema, or throws invalid_input (400) naming the
 * path of each thing that is wrong ("command.member.id: …").
 */
export function parseInput<T>(schema: Schema<T>, value: unknown, prefix?: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => {
      const path = [...(prefix === undefined ? [] : [prefix]), ...issue.path.map(String)].join('.');
      return `${path || 'body'}: ${issue.message}`;
    })
    .join('; ');
  throw new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
}

/** A path parameter that must be an id, or invalid_input naming it (translated). */
export function pathId(value: string, label: string): string {
  if (!isId(value)) {
    throw new PlenumError('invalid_input', `bad ${label}`, { messageKey: 'error.invalidId', params: { label } });
  }
  return value;
}

/** not_found for something asked for by id. */
export function notFound(what: string): PlenumError {
  return new PlenumError('not_found', `no ${what}`, { messageKey: 'error.notFound', params: { what } });
}
