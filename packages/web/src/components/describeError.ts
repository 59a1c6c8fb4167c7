import type { Translate } from '@plenum/i18n';
import type { LoadError } from '../api/load-error.ts';

/** The reason to show for a failed request, in the current language. */
export function describeError(t: Translate, error: LoadError): string {
  switch (error.kind) {
    case 'server':
      return error.message;
    case 'unreachable':
      return t('status.unreachable');
    case 'unexpected':
      return t('status.unexpected', { status: error.status });
  }
}
