import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PlenumError, ok, type Refusal, type Result } from '@plenum/kernel';
import type { BallotVerifier, CheckedBallot } from '@plenum/app';

/**
 * A pool of worker threads that check ballots (ballot-worker.ts): Plenum.castBallot awaits
 * the check outside its queue of commands, so ballots are verified on every core while the
 * record takes them one by one. Requests go to the least busy worker. A worker that dies is
 * replaced, and the ballots it held get an internal error (never a silent acceptance).
 */
export interface BallotVerifierPool {
  readonly verify: BallotVerifier;
  readonly size: number;
  close(): Promise<void>;
}

interface Pending {
  resolve(result: Result<CheckedBallot>): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  busy: number;
  pending: Map<number, Pending>;
}

type Reply =
  | { readonly id: number; readonly ok: true; readonly credential: string; readonly tracker: string }
  | { readonly id: number; readonly ok: false; readonly refusal: Refusal };

export function createBallotVerifierPool(size: number = Math.max(1, availableParallelism())): BallotVerifierPool {
  // From the compiled server, the compiled worker; under a TypeScript loader (tests, `npm run
  // dev`), the source, which the worker loads with the same loader.
  const source = import.meta.url.endsWith('.ts');
  const script = new URL(source ? './ballot-worker.ts' : './ballot-worker.js', import.meta.url);
  // A worker does not inherit the main thread's loader: the source one registers tsx first.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`;
  let next = 1;
  let closed = false;
  const slots: Slot[] = [];
  const start = (): Slot => {
    const worker = source
      ? new Worker(boot, { eval: true, execArgv: ['--conditions=development'] })
      : new Worker(script);
    const slot: Slot = { worker, busy: 0, pending: new Map() };
    slot.worker.on('message', (reply: Reply) => {
      const waiting = slot.pending.get(reply.id);
      if (waiting === undefined) return;
      slot.pending.delete(reply.id);
      slot.busy -= 1;
      // Idle threads do not keep the process alive; busy ones do, until they answer.
      if (slot.busy === 0) slot.worker.unref();
      waiting.resolve(reply.ok ? ok({ credential: reply.credential, tracker: reply.tracker }) : reply.refusal);
    });
    const fail = (error: Error): void => {
      for (const waiting of slot.pending.values()) {
        waiting.reject(new PlenumError('internal', `a ballot verifier thread stopped: ${error.message}`));
      }
      slot.pending.clear();
      slot.busy = 0;
      const index = slots.indexOf(slot);
      if (!closed && index >= 0) slots[index] = start();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!closed && code !== 0) fail(new Error(`exit code ${code}`));
    });
    slot.worker.unref();
    return slot;
  };
  for (let i = 0; i < size; i += 1) slots.push(start());
  const verify: BallotVerifier = (election, ballot) =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new PlenumError('internal', 'the ballot verifier is closed'));
        return;
      }
      let slot = slots[0];
      for (const s of slots) if (slot === undefined || s.busy < slot.busy) slot = s;
      if (slot === undefined) {
        reject(new PlenumError('internal', 'no ballot verifier thread'));
        return;
      }
      const id = next;
      next += 1;
      slot.busy += 1;
      if (slot.busy === 1) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, election, ballot });
    });
  return {
    verify,
    size,
    close: async () => {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
