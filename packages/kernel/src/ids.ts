import { PlenumError } from './errors.ts';

/**
 * Identifiers are short ASCII strings: lower-case letters, digits, '-' and '_', starting with
 * a letter, at most 64 characters. They appear in URLs, file names and log entries, so
 * nothing that needs escaping is allowed.
 */
export type Id = string;

const ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

export function isId(value: unknown): value is Id {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function assertId(value: unknown, label: string): Id {
  if (!isId(value)) {
    throw new PlenumError('invalid_input', `${label}: not a valid identifier`, {
      messageKey: 'error.invalidId',
      params: { label },
    });
  }
  return value;
}
