// @plenum/i18n — the message catalogs and one way to format them, shared by the browser,
// the server and the CLI so that every user-visible string goes through translation.
export { en, type MessageKey } from './en.ts';
export { ptBR } from './pt-BR.ts';
export {
  LOCALES,
  DEFAULT_LOCALE,
  catalog,
  isLocale,
  negotiateLocale,
  createTranslator,
  type Locale,
  type Translate,
} from './translate.ts';
// `plenum verify record` messages, until they are merged into en.ts and pt-BR.ts.
export {
  createVerifyTranslator,
  verifyMessagesEn,
  verifyMessagesPtBR,
  type VerifyMessageKey,
  type VerifyTranslate,
} from './verify-messages.ts';
// `plenum witness` messages, until they are merged into en.ts and pt-BR.ts.
export {
  createWitnessTranslator,
  witnessMessagesEn,
  witnessMessagesPtBR,
  type WitnessMessageKey,
  type WitnessTranslate,
} from './witness-messages.ts';
