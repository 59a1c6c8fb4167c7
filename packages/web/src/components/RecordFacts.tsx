import type { JSX } from 'react';
import type { PublicRecord } from '../api/client.ts';
import { useT } from '../useT.ts';
import { KeyBlock } from './KeyBlock.tsx';

/** The log's name and key, and what its latest checkpoint commits to. */
export function RecordFacts({ record }: { readonly record: PublicRecord }): JSX.Element {
  const t = useT();
  const { log, checkpoint } = record;
  if (log.origin === null || log.verifierKey === null) {
    return (
      <div className="card record-log">
        <h3>{t('record.log')}</h3>
        <p className="status">{t('record.unsigned')}</p>
      </div>
    );
  }
  return (
    <div className="card record-log">
      <h3>{t('record.log')}</h3>
      <dl className="facts">
        <div className="fact">
          <dt>{t('record.origin')}</dt>
          <dd>
            <code className="record-origin">{log.origin}</code>
          </dd>
        </div>
        <div className="fact">
          <dt>{t('record.verifierKey')}</dt>
          <dd>
            <KeyBlock value={log.verifierKey} copyable />
          </dd>
        </div>
        <div className="fact">
          <dt>{t('record.checkpoint')}</dt>
          <dd className="record-size">
            {checkpoint === null
              ? t('record.noCheckpoint')
              : checkpoint.size === 0
                ? t('record.empty')
                : t('record.size', { count: checkpoint.size })}
          </dd>
        </div>
        {checkpoint === null ? null : (
          <div className="fact">
            <dt>{t('record.rootHash')}</dt>
            <dd>
              <KeyBlock value={checkpoint.rootHash} />
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
