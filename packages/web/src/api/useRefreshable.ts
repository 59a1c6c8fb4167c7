import { useCallback, useEffect, useRef, useState } from 'react';
import type { Locale } from '@plenum/i18n';
import type { Remote, Result } from './load-error.ts';

export interface Refreshable<T> {
  readonly remote: Remote<T>;
  /** Fetches again, keeping what is shown until the answer arrives. */
  readonly refresh: () => void;
}

/**
 * Something fetched from the server, fetched again whenever the language changes (so that
 * server error messages follow it) and whenever `refresh` is called; only the answer to the
 * latest request is kept. Once loaded, a failed refresh keeps the last good value.
 * `load` must be a stable function (a module-level one).
 */
export function useRefreshable<T>(
  load: (locale: Locale, signal: AbortSignal) => Promise<Result<T>>,
  locale: Locale,
): Refreshable<T> {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const latest = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    void load(locale, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setRemote((previous) => {
        if (result.ok) return { state: 'ready', value: result.value };
        return previous.state === 'ready' ? previous : { state: 'error', error: result.error };
      });
    });
  }, [load, locale]);

  useEffect(() => {
    refresh();
    return () => latest.current?.abort();
  }, [refresh]);

  return { remote, refresh };
}
