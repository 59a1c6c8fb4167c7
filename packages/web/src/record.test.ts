import { describe, expect, it } from 'vitest';
import { readCheckpoint } from './api/checkpoint.ts';
import type { PublicRecord } from './api/client.ts';
import { eventsBehind, keyName, latestSize } from './record.ts';

const ROOT = 'x/nkH8SVXCsLsgDWuYQ+Ki8aK9qpaZFJJcTzTdzCWGA=';
const LOG_SIGNATURE = '— plenum.test/log AAAAAcD1JFlY3C9v6nHjWBp2MlN1Lk3kq8Zr0ma9DJzq9zB1Vp4=';

describe('reading a checkpoint note', () => {
  it('reads the origin, size and root hash of the body, whatever signatures follow', () => {
    const note = `plenum.test/log\n1234\n${ROOT}\n\n${LOG_SIGNATURE}\n— witness.test/alice ABCD\n`;
    expect(readCheckpoint(note)).toEqual({ origin: 'plenum.test/log', size: 1234, rootHash: ROOT });
  });

  it('reads a checkpoint with extension lines and an empty tree', () => {
    const empty = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
    expect(readCheckpoint(`o\n0\n${empty}\nextension\n\n${LOG_SIGNATURE}\n`)).toEqual({
      origin: 'o',
      size: 0,
      rootHash: empty,
    });
  });

  it('refuses what is not a checkpoint', () => {
    for (const note of [
      '',
      `o\n12\n${ROOT}\n`, // no blank line before the signatures
      `\n12\n${ROOT}\n\n${LOG_SIGNATURE}\n`, // no origin
      `o\n012\n${ROOT}\n\n${LOG_SIGNATURE}\n`, // leading zero
      `o\n-1\n${ROOT}\n\n${LOG_SIGNATURE}\n`,
      `o\n99999999999999999999\n${ROOT}\n\n${LOG_SIGNATURE}\n`, // beyond a safe integer
      `o\n12\n${ROOT.slice(1)}\n\n${LOG_SIGNATURE}\n`, // 31 bytes
      `o\n12\n${ROOT.slice(0, 42)}B=\n\n${LOG_SIGNATURE}\n`, // non-canonical base64
      `o\n12\n\n${LOG_SIGNATURE}\n`, // no root hash
      '{"error":{"code":"not_found"}}',
    ]) {
      expect(readCheckpoint(note)).toBeUndefined();
    }
  });
});

describe('witnesses against the latest checkpoint', () => {
  const record = (checkpointSize: number | null, logSize: number): PublicRecord => ({
    log: { origin: 'o', verifierKey: 'o+01234567+AQ', size: logSize, witnesses: [] },
    checkpoint: checkpointSize === null ? null : { origin: 'o', size: checkpointSize, rootHash: ROOT },
  });
  const witness = (size: number) => ({ witness: 'w+89abcdef+BA', size, timestamp: 1, recordedAt: '' });

  it('measures against the checkpoint, else the event count', () => {
    expect(latestSize(record(10, 12))).toBe(10);
    expect(latestSize(record(null, 12))).toBe(12);
    expect(eventsBehind(record(10, 12), witness(10))).toBe(0);
    expect(eventsBehind(record(10, 12), witness(7))).toBe(3);
    // A cosignature of a newer checkpoint than the one fetched counts as up to date.
    expect(eventsBehind(record(10, 12), witness(11))).toBe(0);
  });

  it('names a key by what comes before its first +', () => {
    expect(keyName('witness.test/alice+4a5b6c7d+BPxyz')).toBe('witness.test/alice');
    expect(keyName('no-plus')).toBe('no-plus');
  });
});
