import { useEffect, useState } from 'react';
import type { MemberList } from '@plenum/api';
import type { Locale } from '@plenum/i18n';
import { fetchMembers } from './client.ts';
import type { Remote } from './load-error.ts';

export type Member = MemberList['members'][number];

/**
 * The members of one unit, fetched when first needed. `version` (the unit's member
 * count) changes when members are admitted, and then the list is fetched again.
 */
export function useMembers(unitId: string, version: number, locale: Locale): Remote<readonly Member[]> {
  const [members, setMembers] = useState<Remote<readonly Member[]>>({ state: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    void fetchMembers(unitId, locale, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setMembers((previous) => {
        if (result.ok) return { state: 'ready', value: result.value.members };
        return previous.state === 'ready' ? previous : { state: 'error', error: result.error };
      });
    });
    return () => controller.abort();
  }, [unitId, version, locale]);

  return members;
}
