import type { Locale, MessageKey } from '@plenum/i18n';

// Registers the catalog keys with react-intl, so that a message id that is not in the
// catalogs is a compile error.
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageKey;
    }
    interface IntlConfig {
      locale: Locale;
    }
  }
}
