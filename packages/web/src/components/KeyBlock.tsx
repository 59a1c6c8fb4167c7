import { useEffect, useState, type JSX } from 'react';
import { useT } from '../useT.ts';

type CopyState = 'idle' | 'copied' | 'failed';

const COPIED_FOR_MS = 4_000;

interface Props {
  /** A key or hash, shown whole in monospace and wrapped anywhere. */
  readonly value: string;
  /** Offer a button that copies it (where the browser lets the page write to the clipboard). */
  readonly copyable?: boolean;
}

/**
 * A key or hash to read, compare or copy. One click selects all of it; with `copyable`, a
 * button copies it, and a polite status says whether that worked.
 */
export function KeyBlock({ value, copyable = false }: Props): JSX.Element {
  const t = useT();
  const [copy, setCopy] = useState<CopyState>('idle');
  const canCopy = copyable && window.isSecureContext && 'clipboard' in navigator;

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copy]);

  return (
    <div className="key">
      <code className="key-text">{value}</code>
      {canCopy ? (
        <div className="key-tools">
          <button
            type="button"
            className="button"
            onClick={() => {
              navigator.clipboard.writeText(value).then(
                () => setCopy('copied'),
                () => setCopy('failed'),
              );
            }}
          >
            {t('record.copy')}
          </button>
          <span className="key-copy-status" role="status">
            {copy === 'copied' ? t('record.copied') : null}
            {copy === 'failed' ? t('record.copyFailed') : null}
          </span>
        </div>
      ) : null}
    </div>
  );
}
