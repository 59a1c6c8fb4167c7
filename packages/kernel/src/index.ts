// @plenum/kernel — the vocabulary every other package shares: typed errors with stable
// codes, results that carry the rule they cite, canonical JSON and identifiers.
// It depends on nothing, not even Node: it must run in the browser and in the verifier.
export { PlenumError, isPlenumError, type ErrorCode } from './errors.ts';
export { ok, refused, type Result, type Refusal, type RuleCitation } from './result.ts';
export { canonicalJson } from './canonical-json.ts';
export { isId, assertId, type Id } from './ids.ts';
export { bytesEqual, concatBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './bytes.ts';
