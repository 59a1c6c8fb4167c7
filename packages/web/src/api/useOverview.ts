import type { Overview } from '@plenum/api';
import type { Locale } from '@plenum/i18n';
import { fetchOverview } from './client.ts';
import type { Remote } from './load-error.ts';
import { useRefreshable } from './useRefreshable.ts';

export interface OverviewState {
  readonly overview: Remote<Overview>;
  /** Fetches the overview again, keeping what is shown until the answer arrives. */
  readonly refresh: () => void;
}

/** The organisation overview, kept as {@link useRefreshable} describes. */
export function useOverview(locale: Locale): OverviewState {
  const { remote, refresh } = useRefreshable(fetchOverview, locale);
  return { overview: remote, refresh };
}
