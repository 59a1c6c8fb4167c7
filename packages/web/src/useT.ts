import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageKey, Translate } from '@plenum/i18n';

/** A translate function for the current locale: `t('overview.members', { count: 3 })`. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((key: MessageKey, values) => intl.formatMessage({ id: key }, values), [intl]);
}
