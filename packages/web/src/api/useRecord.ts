import type { Locale } from '@plenum/i18n';
import { fetchPublicRecord, type PublicRecord } from './client.ts';
import type { Remote } from './load-error.ts';
import { useRefreshable } from './useRefreshable.ts';

export interface RecordState {
  readonly record: Remote<PublicRecord>;
  /** Fetches the log's information and checkpoint again, keeping what is shown meanwhile. */
  readonly refresh: () => void;
}

/** The public record — the log, its latest checkpoint and its witnesses — kept as {@link useRefreshable} describes. */
export function useRecord(locale: Locale): RecordState {
  const { remote, refresh } = useRefreshable(fetchPublicRecord, locale);
  return { record: remote, refresh };
}
