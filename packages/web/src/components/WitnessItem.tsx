import type { JSX } from 'react';
import { useIntl } from 'react-intl';
import type { PublicRecord } from '../api/client.ts';
import { eventsBehind, keyName, type Witness } from '../record.ts';
import { useT } from '../useT.ts';
import { KeyBlock } from './KeyBlock.tsx';

/** The latest instant a Date can hold, in milliseconds (ECMAScript §21.4.1.1). */
const MAX_DATE_MS = 8.64e15;

interface Props {
  readonly record: PublicRecord;
  readonly witness: Witness;
}

/** One witness: its name and key, what it last cosigned and when, and whether it has caught up. */
export function WitnessItem({ record, witness }: Props): JSX.Element {
  const intl = useIntl();
  const t = useT();
  const behind = eventsBehind(record, witness);
  const name = keyName(witness.witness);
  // The timestamp is the witness's own statement, in POSIX seconds; one beyond what a Date
  // can hold is shown as the number it is.
  const ms = witness.timestamp * 1000;
  const when = ms <= MAX_DATE_MS ? new Date(ms) : undefined;
  return (
    <li className="card witness">
      <h4 className="witness-name">{name}</h4>
      <p className={`witness-state ${behind === 0 ? 'is-current' : 'is-behind'}`}>
        <span className="witness-state-mark" aria-hidden="true">
          {behind === 0 ? '✓' : '⚠\uFE0E'}
        </span>
        <span>{behind === 0 ? t('record.upToDate') : t('record.behind', { count: behind })}</span>
      </p>
      <dl className="facts">
        <div className="fact">
          <dt>{t('record.witnessKey')}</dt>
          <dd>
            <KeyBlock value={witness.witness} />
          </dd>
        </div>
        <div className="fact">
          <dt>{t('record.cosignedSize')}</dt>
          <dd className="witness-size">{t('record.size', { count: witness.size })}</dd>
        </div>
        <div className="fact">
          <dt>{t('record.cosignedAt')}</dt>
          <dd>
            {when === undefined ? (
              witness.timestamp
            ) : (
              <time className="witness-time" dateTime={when.toISOString()}>
                {intl.formatDate(when, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}
