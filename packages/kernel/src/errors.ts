/**
 * Faults are errors; expected outcomes are values (see result.ts).
 *
 * Every error Plenum raises on purpose carries a stable `code`. The HTTP edge and the CLI map
 * codes to statuses and exit codes in one exhaustive table each, so adding a code here is a
 * compile error there until it is handled.
 */
export type ErrorCode =
  /** A request, file or value from outside failed validation. */
  | 'invalid_input'
  /** The thing asked for does not exist. */
  | 'not_found'
  /** The data directory or database cannot be used (missing, corrupt, unwritable, too new). */
  | 'storage_unavailable'
  /** The store is not initialised yet (no organisation). */
  | 'not_initialised'
  /** Something that must be written once was written again. */
  | 'conflict'
  /** An invariant of Plenum itself broke: a bug, never the user's fault. */
  | 'internal';

export class PlenumError extends Error {
  override readonly name = 'PlenumError';
  readonly code: ErrorCode;
  /** Message key for the translation layer; `params` fill its placeholders. */
  readonly messageKey: string | undefined;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      messageKey?: string;
      params?: Record<string, string | number>;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.messageKey = options.messageKey;
    this.params = Object.freeze({ ...(options.params ?? {}) });
  }
}

export function isPlenumError(value: unknown): value is PlenumError {
  return value instanceof PlenumError;
}
