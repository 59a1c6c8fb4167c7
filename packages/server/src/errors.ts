import { isPlenumError, type ErrorCode } from '@plenum/kernel';
import type { MessageKey, Translate } from '@plenum/i18n';

/** The one table from error codes to HTTP statuses. A new ErrorCode fails to compile here. */
export const STATUS_OF: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  not_initialised: 503,
  storage_unavailable: 503,
  internal: 500,
};

export interface Problem {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * Turns anything thrown while handling a request into what the client may see: a status,
 * a stable code and a translated message. Nothing of a stack trace or an internal message
 * leaves the server for a 5xx; the request id lets the operator find it in the log.
 */
export function toProblem(error: unknown, t: Translate, requestId: string): Problem {
  if (isPlenumError(error) && error.code !== 'internal') {
    const key = error.messageKey as MessageKey | undefined;
    const message = key === undefined ? error.message : t(key, error.params);
    return { status: STATUS_OF[error.code], code: error.code, message };
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large…
    const detail = error instanceof Error ? error.message : String(error);
    const code: ErrorCode = status === 404 ? 'not_found' : 'invalid_input';
    return { status, code, message: t('error.invalidInput', { detail }) };
  }
  return { status: 500, code: 'internal', message: t('error.internal', { requestId }) };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const { statusCode } = error;
  return typeof statusCode === 'number' ? statusCode : undefined;
}
