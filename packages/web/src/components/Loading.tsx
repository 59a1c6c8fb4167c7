import type { JSX } from 'react';
import { useT } from '../useT.ts';

export function Loading(): JSX.Element {
  const t = useT();
  return (
    <p className="status status-loading" role="status">
      {t('status.loading')}
    </p>
  );
}
