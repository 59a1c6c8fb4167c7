import { useMemo, type JSX } from 'react';
import { useIntl } from 'react-intl';
import { useMembers, type Member } from '../api/useMembers.ts';
import { useCollator } from '../useCollator.ts';
import { useT } from '../useT.ts';
import { LoadFailure } from './LoadFailure.tsx';
import { Loading } from './Loading.tsx';

interface Props {
  readonly unitId: string;
  /** The unit's member count; when it changes the list is fetched again. */
  readonly count: number;
}

/** The members of one unit, by family name in the reader's language, each with the day their membership began. */
export function MemberList({ unitId, count }: Props): JSX.Element {
  const intl = useIntl();
  const t = useT();
  const collator = useCollator();
  const members = useMembers(unitId, count, intl.locale);

  const sorted = useMemo(
    () =>
      members.state === 'ready'
        ? [...members.value].sort(
            (a: Member, b: Member) =>
              collator.compare(a.familyName, b.familyName) || collator.compare(a.givenName, b.givenName),
          )
        : [],
    [members, collator],
  );

  if (members.state === 'loading') return <Loading />;
  if (members.state === 'error') return <LoadFailure message="members.error" error={members.error} />;
  return (
    <ol className="members">
      {sorted.map((member) => (
        <li key={member.id} className="member">
          <span className="member-name">
            {member.givenName} <span className="family-name">{member.familyName}</span>
          </span>
          {/* A calendar day, not an instant: formatted in UTC so that no time zone moves it to the day before. */}
          <time className="member-since" dateTime={member.since}>
            {t('member.since', {
              date: intl.formatDate(member.since, { dateStyle: 'medium', timeZone: 'UTC' }),
            })}
          </time>
        </li>
      ))}
    </ol>
  );
}
