import { useCallback, useEffect, useRef, useState } from 'react';
import type { Overview } from '@plenum/api';
import type { Locale } from '@plenum/i18n';
import { fetchOverview } from './client.ts';
import type { Remote } from './load-error.ts';

export interface OverviewState {
  readonly overview: Remote<Overview>;
  /** Fetches the overview again, keeping what is shown until the answer arrives. */
  readonly refresh: () => void;
}

/**
 * The organisation overview. It is fetched again whenever the language changes (so that
 * server error messages follow it) and whenever `refresh` is called; only the answer to
 * the latest request is kept. Once loaded, a failed refresh keeps the last good overview.
 */
export function useOverview(locale: Locale): OverviewState {
  const [overview, setOverview] = useState<Remote<Overview>>({ state: 'loading' });
  const latest = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    void fetchOverview(locale, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setOverview((previous) => {
        if (result.ok) return { state: 'ready', value: result.value };
        return previous.state === 'ready' ? previous : { state: 'error', error: result.error };
      });
    });
  }, [locale]);

  useEffect(() => {
    refresh();
    return () => latest.current?.abort();
  }, [refresh]);

  return { overview, refresh };
}
