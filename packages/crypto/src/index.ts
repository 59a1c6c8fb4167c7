// @plenum/crypto: the Belenios protocol (issue 7), pure: no I/O, runs in Node and the browser.
//
// Messages follow the Belenios specification 2.0 (belenios-tool 2.0, protocol version 1);
// groups are BELENIOS-2048 and Ed25519 as Belenios ≥ 2.1 defines it. Everything read from
// outside is checked strictly and refused as a value naming what is wrong and where.
export { FixedBase, modInverse, modPow, modPow2, parseNatural } from './bigint.ts';
export { GROUP_NAMES, BELENIOS_2048, group, groupByName, type Group, type GroupName } from './group.ts';
export { hashJson, hashToZq, sha256Hex } from './hash.ts';
export { randomScalar, systemRandom, type RandomSource } from './random.ts';
export { CRYPTO_MESSAGE_KEYS, FormatError, belenios, isFormatError, type CryptoProblem } from './errors.ts';
export {
  MAX_ANSWERS,
  makeElection,
  parseElection,
  type Election,
  type ElectionParameters,
  type Question,
} from './election.ts';
export { type Ciphertext, type Proof } from './proofs.ts';
export {
  makeBallot,
  readBallot,
  signBallot,
  verifyBallot,
  writeBallot,
  type Answer,
  type Ballot,
  type Plaintext,
  type VerifiedBallot,
  type VerifyOptions,
} from './ballot.ts';
export {
  BASE58_ALPHABET,
  MAX_WEIGHT,
  credentialSecret,
  generatePrivateCredential,
  isFullCredential,
  isPrivateCredential,
  parsePublicCredential,
  publicCredential,
  type CredentialStyle,
  type PublicCredential,
} from './credential.ts';
export {
  checkSignedMessage,
  checkTrusteePublicKey,
  electionPublicKey,
  generateTrusteeKey,
  makeTrusteePublicKey,
  parseTrustees,
  parseTrusteePublicKey,
  shareCommitment,
  signMessage,
  trusteeKeysInOrder,
  writeThresholdParameters,
  writeTrusteePublicKey,
  writeTrustees,
  type SignedMessage,
  type ThresholdParameters,
  type TrusteeKind,
  type TrusteePublicKey,
} from './trustees.ts';
export {
  combineDecryptions,
  decryptResult,
  encryptedTally,
  lagrangeCoefficients,
  lastBallots,
  MAX_TOTAL_WEIGHT,
  makePartialDecryption,
  parseEncryptedTally,
  parsePartialDecryption,
  smallLog,
  verifyPartialDecryption,
  writeEncryptedTally,
  writePartialDecryption,
  writeResult,
  type EncryptedTally,
  type PartialDecryption,
  type WeightedBallot,
} from './tally.ts';
export {
  ARCHIVE_CHECKS,
  archiveFiles,
  readTar,
  verifyArchive,
  writeArchive,
  writeTar,
  type ArchiveContent,
  type ArchiveFile,
  type ArchiveCheck,
  type ArchiveSummary,
  type VerifyArchiveOptions,
} from './archive.ts';
export {
  aes256Block,
  ccmDecrypt,
  ccmEncrypt,
  decryptMessage,
  deriveTrusteeKeys,
  encryptMessage,
  receiveMessage,
  sendMessage,
} from './channel.ts';
export {
  pedersenDecryptionKey,
  pedersenStep1,
  pedersenStep3,
  pedersenStep4,
  pedersenStep5,
  pedersenStep6,
} from './pedersen.ts';
