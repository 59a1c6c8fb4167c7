import type { JSX } from 'react';
import type { Overview } from '@plenum/api';
import { federationOf } from '../organisation.ts';
import { useT } from '../useT.ts';

export function FederationName({ overview }: { readonly overview: Overview }): JSX.Element | null {
  const t = useT();
  const federation = federationOf(overview);
  if (federation === undefined) return null;
  return (
    <p className="federation">
      <span className="federation-kind">{t('unit.federation')}</span>
      <span className="federation-name">{federation.name}</span>
    </p>
  );
}
