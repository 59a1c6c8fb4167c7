/**
 * A ballot file that cannot be read: which line (1-based) and what is wrong there. Thrown by
 * every reader before any count starts; the CLI prints it as `file:line: detail`. The detail
 * is a precise English diagnostic (like a compiler's); the sentence around it is translated.
 */
export class BallotFileError extends Error {
  constructor(
    readonly format: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${format} line ${line}: ${detail}`);
    this.name = 'BallotFileError';
  }
}

export function isBallotFileError(error: unknown): error is BallotFileError {
  return error instanceof BallotFileError;
}
