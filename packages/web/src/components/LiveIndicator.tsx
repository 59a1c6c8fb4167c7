import type { JSX } from 'react';
import type { LiveStatus } from '../api/useLive.ts';
import { useT } from '../useT.ts';

/** A small dot and word saying whether updates arrive by themselves. */
export function LiveIndicator({ status }: { readonly status: LiveStatus }): JSX.Element {
  const t = useT();
  const live = status === 'live';
  return (
    <p className={`live-indicator ${live ? 'is-live' : 'is-offline'}`} aria-live="polite">
      <span className="live-dot" aria-hidden="true" />
      {t(live ? 'status.live' : 'status.offline')}
    </p>
  );
}
