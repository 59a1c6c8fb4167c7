import type { JSX } from 'react';
import type { LoadError } from '../api/load-error.ts';
import { useT } from '../useT.ts';
import { describeError } from './describeError.ts';

interface Props {
  readonly message: 'status.error' | 'members.error' | 'record.error';
  readonly error: LoadError;
}

export function LoadFailure({ message, error }: Props): JSX.Element {
  const t = useT();
  return (
    <p className="status status-error" role="alert">
      {t(message, { reason: describeError(t, error) })}
    </p>
  );
}
