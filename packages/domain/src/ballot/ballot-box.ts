/**
 * The accepted ballots of one secret ballot, as an append-only log shared by the successive
 * states of the organisation: each state knows how many entries it sees (`length`), and
 * every question is asked "as of" that length. A cast costs O(1) instead of a copy of the
 * whole box per state (50,000 ballots would otherwise cost 50,000² copies).
 *
 * States are only ever extended from the newest one; a batch that is decided and then
 * dropped (a refusal later in the batch, an append that lost a race) may have appended
 * entries no state keeps: the next append at that length first cuts them off.
 */
export class BallotBox {
  readonly #hashes: string[] = [];
  readonly #credentials: string[] = [];
  readonly #byHash = new Map<string, number>();
  /** Each credential's entries, in order. */
  readonly #byCredential = new Map<string, number[]>();
  /** distinct[i]: how many credentials have a ballot among the first i + 1 entries. */
  readonly #distinct: number[] = [];

  append(at: number, hash: string, credential: string): void {
    if (at > this.#hashes.length) throw new RangeError('a ballot box entry after a gap');
    this.#truncate(at);
    const i = this.#hashes.length;
    this.#hashes.push(hash);
    this.#credentials.push(credential);
    if (!this.#byHash.has(hash)) this.#byHash.set(hash, i);
    const list = this.#byCredential.get(credential);
    if (list === undefined) this.#byCredential.set(credential, [i]);
    else list.push(i);
    this.#distinct.push((i === 0 ? 0 : (this.#distinct[i - 1] ?? 0)) + (list === undefined ? 1 : 0));
  }

  /** Whether `hash` is among the first `length` entries. */
  has(hash: string, length: number): boolean {
    const i = this.#byHash.get(hash);
    return i !== undefined && i < length;
  }

  /** The hash of the credential's last entry among the first `length`. */
  last(credential: string, length: number): string | undefined {
    const list = this.#byCredential.get(credential);
    if (list === undefined) return undefined;
    for (let k = list.length - 1; k >= 0; k -= 1) {
      const i = list[k] ?? 0;
      if (i < length) return this.#hashes[i];
    }
    return undefined;
  }

  /** How many credentials have a ballot among the first `length` entries. */
  counted(length: number): number {
    return length === 0 ? 0 : (this.#distinct[length - 1] ?? 0);
  }

  /** The hashes of the first `length` entries, in order. */
  hashes(length: number): string[] {
    return this.#hashes.slice(0, length);
  }

  /** The hashes of the first `length` entries that are the last of their credential, in order. */
  lastHashes(length: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < length && i < this.#hashes.length; i += 1) {
      const credential = this.#credentials[i] ?? '';
      if (this.last(credential, length) === this.#hashes[i]) out.push(this.#hashes[i] ?? '');
    }
    return out;
  }

  #truncate(length: number): void {
    while (this.#hashes.length > length) {
      const i = this.#hashes.length - 1;
      const hash = this.#hashes.pop() ?? '';
      const credential = this.#credentials.pop() ?? '';
      this.#distinct.pop();
      if (this.#byHash.get(hash) === i) this.#byHash.delete(hash);
      const list = this.#byCredential.get(credential);
      list?.pop();
      if (list?.length === 0) this.#byCredential.delete(credential);
    }
  }
}
