import { parentPort } from 'node:worker_threads';
import { parseElection, verifyBallot, type Election } from '@plenum/crypto';

/**
 * A worker thread of the ballot box: checks ballots' proofs and signatures (the costly part
 * of accepting a ballot) off the main thread, so a server uses every core. Messages:
 * {id, election, ballot} in; {id, ok: true, credential, tracker} or {id, ok: false, refusal} out.
 */
const elections = new Map<string, Election>();

parentPort?.on('message', (message: { id: number; election: string; ballot: string }) => {
  let e = elections.get(message.election);
  if (e === undefined) {
    const parsed = parseElection(message.election);
    if (!parsed.ok) {
      parentPort?.postMessage({ id: message.id, ok: false, refusal: parsed });
      return;
    }
    e = parsed.value;
    if (elections.size > 16) elections.clear();
    elections.set(message.election, e);
  }
  const checked = verifyBallot(e, message.ballot);
  parentPort?.postMessage(
    checked.ok
      ? { id: message.id, ok: true, credential: checked.value.credential, tracker: checked.value.tracker }
      : { id: message.id, ok: false, refusal: checked },
  );
});
