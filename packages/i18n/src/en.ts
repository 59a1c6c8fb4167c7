// English messages: the source catalog. Every user-visible string of Plenum — browser, server
// and CLI — is a key here, written in ICU MessageFormat. Other catalogs must translate every
// key (the type of `ptBR` enforces it) and keep the same placeholders (a test enforces it).
import { verifyMessagesEn } from './verify-messages.ts';

export const en = {
  ...verifyMessagesEn,
  'app.name': 'Plenum',
  'app.tagline': 'Internal democracy that no one can rig',
  'language.label': 'Language',
  'language.en': 'English',
  'language.pt-BR': 'Português (Brasil)',
  'nav.overview': 'Overview',
  'nav.record': 'Record',
  'nav.skip': 'Skip to content',
  'status.loading': 'Loading…',
  'status.error': 'Could not load the organisation: {reason}',
  'status.live': 'Live',
  'status.offline': 'Offline',
  'status.unreachable': 'the server cannot be reached',
  'status.unexpected': 'the server sent an unexpected response (HTTP {status})',
  'members.error': 'Could not load the members: {reason}',
  'member.since': 'member since {date}',
  'overview.heading': 'Organisation overview',
  'overview.members': '{count, plural, one {# member} other {# members}}',
  'overview.units': '{count, plural, one {# unit} other {# units}}',
  'overview.structure': 'Structure',
  'overview.statute': '{title}, version {version}',
  'overview.notFounded': 'The organisation has not been founded yet.',
  'overview.bodies': 'Bodies',
  'overview.noBodies': 'No body has been formed yet.',
  'overview.record': 'The record holds {count, plural, one {# event} other {# events}}.',
  'body.scope': 'of {unit}',
  'record.heading': 'Public record',
  'record.intro':
    'Every event is a leaf of an append-only log whose checkpoints are signed, so that anyone can check that no event was rewritten, removed or hidden.',
  'record.error': 'Could not load the public record: {reason}',
  'record.log': 'Signed log',
  'record.unsigned': 'This server does not sign its record, so it cannot be checked from outside yet.',
  'record.origin': 'Origin',
  'record.verifierKey': 'Verifier key',
  'record.checkpoint': 'Latest checkpoint',
  'record.size': '{count, plural, one {# event} other {# events}}',
  'record.empty': 'No events recorded yet',
  'record.noCheckpoint': 'No checkpoint signed yet',
  'record.rootHash': 'Root hash',
  'record.copy': 'Copy key',
  'record.copied': 'Copied',
  'record.copyFailed': 'Could not copy: select the key and copy it by hand',
  'record.witnesses': 'Witnesses',
  'record.noWitnesses': 'No witness has cosigned the record yet.',
  'record.witnessExplained':
    'A witness is anyone — a member, a section, an outside observer — who runs {command} to check that the record never forks and to cosign each checkpoint it has checked.',
  'record.witnessCommand': "plenum witness '<url>'",
  'record.witnessKey': 'Key',
  'record.cosignedSize': 'Last cosigned checkpoint',
  'record.cosignedAt': 'Cosigned at',
  'record.upToDate': 'Up to date: cosigned the latest checkpoint',
  'record.behind': '{count, plural, one {# event behind} other {# events behind}} the latest checkpoint',
  'error.invalidId': '{label}: not a valid identifier',
  'error.invalidInput': 'Invalid request: {detail}',
  'error.notFound': 'Not found: {what}',
  'error.internal': 'Something went wrong on the server. The operator can find it in the log as {requestId}.',
  'error.notInitialised':
    'The data directory {dir} holds no Plenum organisation yet. Run “plenum init” or “plenum demo” first.',
  'error.dataDirNotDirectory': 'The data directory {dir} is not a directory.',
  'error.dataDirUnwritable': 'The data directory {dir} cannot be written to ({reason}).',
  'error.databaseCorrupt':
    'The database {file} is not a readable Plenum database ({reason}). Nothing was changed; move the file away or choose another data directory.',
  'error.databaseUnreachable':
    'Plenum cannot reach the database {file} ({reason}). Nothing was changed; check that the server runs and the address is right.',
  'error.recordMoved':
    'The record grew while this command was being decided, again and again ({size} events, not {expected}). Nothing was stored; try again.',
  'error.databaseTooNew':
    'The database {file} was written by a newer Plenum (schema {found}; this version knows up to {known}). Nothing was changed.',
  'error.alreadyInitialised': 'The data directory {dir} already holds the organisation “{name}”. Nothing was changed.',
  'cli.command.statuteCheck': 'check a statute (YAML): every problem with its line, or what it sets up',
  'cli.command.statuteExample':
    'print an example statute to start from: demo (tendencies always) or 1921 (only before a congress)',
  'cli.command.membersImport':
    'admit every member of a CSV export in one act of the record, or none (all problems listed)',
  'cli.option.statute': "the statute the founders adopt (init; default: the demo federation's)",
  'cli.option.by': 'who admits (members import): the founders (founding roll) or the competent body',
  'cli.option.key': 'the signer-key file of the body that acts (members import)',
  'cli.option.vote': "the tellers' count of the body's vote: yes,no,abstain,present (members import)",
  'cli.option.on': 'the day of the act (members import; default: today)',
  'cli.command.membersCheck':
    'check a member export (CSV) before importing it: every rejected row with its line and reason',
  'cli.option.dateOrder':
    'how to read dates like 03/04/2020 in a member export (members check; default: from the file)',
  'statute.error.usage': "plenum: usage: plenum statute check '<file>' | plenum statute example demo|1921",
  'statute.example.unknown': 'plenum: there is no example statute “{name}”. Examples: {names}.',
  'statute.check.ok':
    '{file}: a valid statute — “{title}”, version {version}; units {levels}; {bodies, plural, one {# body} other {# bodies}}.',
  'statute.check.refused':
    '{file}: refused, {count, plural, one {# problem} other {# problems}}; nothing was recorded.',
  'members.import.error.by': "plenum: --by must be founders or body:'<id>', not “{value}”.",
  'members.import.error.on': 'plenum: --on must be a day written YYYY-MM-DD, not “{value}”.',
  'members.import.error.vote':
    'plenum: a body admits by the vote its tellers counted: --vote yes,no,abstain,present (four whole numbers), not “{value}”.',
  'members.import.error.foundersVote':
    'plenum: the founders register the founding roll without a vote: leave out --vote.',
  'members.import.error.key': 'plenum: a body signs with its own key: give its signer-key file with --key.',
  'members.import.error.keyFile': 'plenum: {file} is not a signer key: {reason}',
  'members.import.error.noStatute': 'The organisation has no statute yet: the founders adopt one first (plenum init).',
  'members.import.refused':
    '{file}: nothing was imported — {rejected, plural, one {# row was} other {# rows were}} rejected (listed above). Correct the file and import it again.',
  'members.import.notRecorded': '{file}: nothing was imported.',
  'members.import.done':
    '{file}: {members, plural, one {# member admitted} other {# members admitted}} in one act of the record (events {first}–{last}).',
  'import.members.row.backdated':
    'Line {line}, column “{column}”: {value} — a body admits as of its decision ({on}); only the founding roll keeps earlier dates (Plenum governance.founding-roll).',
  'members.error.usage':
    "plenum: usage: plenum members check '<file.csv>' [--date-order dmy|mdy|ymd] | plenum members import '<file.csv>' --by founders|body:'<id>' [--key '<file>'] [--vote yes,no,abstain,present] [--on YYYY-MM-DD] [--data-dir '<dir>']",
  'members.error.dateOrder': 'plenum: --date-order must be dmy, mdy or ymd, not “{value}”.',
  'members.check.summary':
    '{file}: {rows, plural, one {# row} other {# rows}} read, {rejected, plural, one {# row} other {# rows}} rejected (separator “{separator}”, dates {dateOrder}).',
  'check.error.missing': 'plenum: there is no file {file}.',
  'check.error.read': 'plenum: cannot read {file} ({reason}).',
  'check.error.tooLarge': 'plenum: {file} is larger than {max} bytes; it is not read.',
  'statute.tooLong': 'The statute is longer than {max} characters.',
  'statute.yaml': 'The statute is not valid YAML: {detail}',
  'statute.plainYaml': 'Only plain maps, lists and values are allowed in a statute (no aliases or tags).',
  'statute.schema': 'This value is not what the statute format expects here: {detail}',
  'statute.unknownBody': 'There is no body “{name}” among the statute’s bodies.',
  'statute.unknownMajority': 'There is no majority “{name}” among the statute’s majorities.',
  'statute.unknownLevel': 'There is no unit level “{name}” in units.levels.',
  'statute.duplicateLevel': 'A unit level is listed twice in units.levels.',
  'statute.majorityFraction': 'The majority “{name}” needs a fraction if and only if it is qualified.',
  'statute.simpleBase': 'The simple majority “{name}” can only be of the votes cast.',
  'statute.abstentionsBase': 'The majority “{name}” is of members or of those present, so abstentions count.',
  'statute.electedBody':
    'The body “{name}”: an elected body needs elected-by, seats and term-months, and only an elected body has them or a term limit.',
  'statute.memberBodyLevel':
    'The body “{name}” decides on members, so it must belong to the level members belong to ({level}).',
  'statute.amendmentByCongress': 'Only a congress (a body of delegates) can amend the statute, not “{name}”.',
  'statute.congressBody': 'The congress must be a body of delegates, not “{name}”.',
  'statute.delegatesElectedBy': 'Delegates are elected by an assembly of all of a unit’s members, not by “{name}”.',
  'refusal.governance.operator':
    'Refused — {rule}: the server’s operator has no power in the organisation: only members and bodies act.',
  'refusal.governance.date': 'Refused — {rule}: “{date}” is not a calendar date (YYYY-MM-DD).',
  'refusal.governance.dateOrder': 'Refused — {rule}: the act is dated {date}, before the last recorded act ({last}).',
  'refusal.governance.foundersDone':
    'Refused — {rule}: the founders acted only until the congress was formed; acts are now by members and bodies.',
  'refusal.governance.notAMember': 'Refused — {rule}: {actor} is not a member of the organisation on that day.',
  'refusal.governance.unknownBody': 'Refused — {rule}: there is no body {id}.',
  'refusal.governance.applicantOnly':
    'Refused — {rule}: an applicant can only apply for membership, in their own name.',
  'refusal.governance.notAllowed': 'Refused — {rule}: {who} is not the one this clause empowers to do this.',
  'refusal.governance.statuteAdopted':
    'Refused — {rule}: the founding statute is adopted already; only a congress can amend it.',
  'refusal.governance.statuteInvalid':
    'Refused — {rule}: the statute text has {count, plural, one {# problem} other {# problems}}, the first at {path} (line {line}): {problem}.',
  'refusal.governance.statuteVersion': 'Refused — {rule}: the statute must carry version {expected}.',
  'refusal.governance.levelInUse':
    'Refused — {rule}: units of the level “{level}” exist, so the amended statute must keep that level.',
  'refusal.governance.bodyInUse':
    'Refused — {rule}: a body of the kind “{kind}” exists, so the amended statute must keep it at the same level.',
  'refusal.governance.noStatute': 'Refused — {rule}: the founders must adopt a statute first.',
  'refusal.governance.input':
    'Refused — {rule}: the {field} is malformed (identifiers and names must be given and plain).',
  'refusal.governance.exists': 'Refused — {rule}: {id} exists already.',
  'refusal.governance.rootExists': 'Refused — {rule}: the organisation is founded already.',
  'refusal.governance.level': 'Refused — {rule}: a unit here must be of the level “{expected}”, not “{level}”.',
  'refusal.governance.unknownUnit': 'Refused — {rule}: there is no unit {id}.',
  'refusal.governance.unknownKind': 'Refused — {rule}: the statute has no body of the kind “{kind}”.',
  'refusal.governance.bodyLevel': 'Refused — {rule}: a {kind} belongs to a unit of the level “{level}”.',
  'refusal.governance.bodyExists': 'Refused — {rule}: this unit has its {kind} already.',
  'refusal.governance.memberLevel': 'Refused — {rule}: members belong to units of the level “{level}”.',
  'refusal.governance.noApplication': 'Refused — {rule}: there is no pending application {id} to this unit.',
  'refusal.governance.foundersNoVote': 'Refused — {rule}: the founders register the founding roll without a vote.',
  'refusal.governance.voteNeeded': 'Refused — {rule}: this decision needs the body’s recorded vote.',
  'refusal.governance.sameUnit': 'Refused — {rule}: the member belongs to that unit already.',
  'refusal.governance.stillMember': 'Refused — {rule}: only a former member can be readmitted.',
  'refusal.governance.tooSoon':
    'Refused — {rule}: readmission is possible {months, plural, one {# month} other {# months}} after leaving ({since}).',
  'refusal.governance.bodyEmpty':
    'Refused — {rule}: the body {body} has no members with a vote on that day, so it cannot decide.',
  'refusal.governance.voteCount': 'Refused — {rule}: the votes and those present must be whole numbers.',
  'refusal.governance.voteImpossible':
    'Refused — {rule}: the count is impossible: {present} present of {members} members, and no more votes than present.',
  'refusal.governance.quorum': 'Refused — {rule}: no quorum: {present} present of {members} members; {needed} needed.',
  'refusal.governance.unknownMajority': 'Refused — {rule}: the statute defines no majority “{name}”.',
  'refusal.governance.notCarried':
    'Refused — {rule}: the motion did not reach the {majority} majority ({majorityRule}): {arithmetic}.',
  'refusal.governance.noSeats':
    'Refused — {rule}: a {kind} has no seats to elect: every member of its unit sits in it.',
  'refusal.governance.ineligible':
    'Refused — {rule}: {member} has not been a member for {days, plural, one {# day} other {# days}}, as holding a mandate requires.',
  'refusal.governance.notInUnit': 'Refused — {rule}: {member} is not a member of that unit.',
  'refusal.governance.holdsAlready': 'Refused — {rule}: this member holds it already.',
  'refusal.governance.officeNeedsSeat': 'Refused — {rule}: the office {office} is held by a member of the body.',
  'refusal.governance.incompatible': 'Refused — {rule}: no one may sit on both the {kind} and the {other}.',
  'refusal.governance.termLimit':
    'Refused — {rule}: no more than {terms, plural, one {# consecutive term} other {# consecutive terms}} in this body.',
  'refusal.governance.unknownOffice': 'Refused — {rule}: the statute has no office {office} in this body.',
  'refusal.governance.backdated':
    'Refused — {rule}: membership begins on the day of the decision ({on}); only the founding roll may keep an earlier date ({since}).',
  'refusal.governance.appointedOffice': 'Refused — {rule}: the office {office} is filled by appointment, not election.',
  'refusal.governance.oneHolder': 'Refused — {rule}: an office has one holder.',
  'refusal.governance.officeHeld':
    'Refused — {rule}: the office {office} is held; it is free only when its mandate ends.',
  'refusal.governance.seats': 'Refused — {rule}: the body has {seats} seats and {held} are held.',
  'refusal.governance.delegatesByCount':
    'Refused — {rule}: delegates are elected only by the proportional count of their unit, in the seats apportioned to it from the roll frozen at the call of a congress.',
  'refusal.governance.electedOffice': 'Refused — {rule}: the office {office} is filled by election, not appointment.',
  'refusal.governance.noMandate': 'Refused — {rule}: there is no mandate {id} in force.',
  'refusal.governance.notAnElector': 'Refused — {rule}: {member} is not among the electors of this mandate.',
  'refusal.governance.signedAlready': 'Refused — {rule}: this member has signed the petition already.',
  'refusal.governance.petitionShort':
    'Refused — {rule}: the recall petition has {signatures} of the {needed} signatures needed ({electors} electors).',
  'refusal.governance.tendencyOutsideDiscussion':
    'Refused — {rule}: tendencies and factions may organise only during a pre-congress discussion.',
  'refusal.governance.unknownTendency': 'Refused — {rule}: there is no tendency {id}.',
  'refusal.governance.discussionOpen': 'Refused — {rule}: the pre-congress discussion is open already.',
  'refusal.governance.discussionClosed': 'Refused — {rule}: there is no pre-congress discussion open.',
  'refusal.governance.eventTooLarge':
    'Refused — {rule}: the act would be recorded as {bytes} bytes, more than the {max} a record entry holds; shorten its text.',
  'refusal.governance.voteMethod': 'Refused — {rule}: this decision is taken by {method}.',
  'refusal.governance.rollCall':
    'Refused — {rule}: the roll call names {member}, who is not a member of the body or is named twice.',
  // ── congress: the congress's congress part (packages/domain/src/congress/congress.ts) ──
  'refusal.governance.congressAlreadyCalled':
    'Refused — {rule}: the congress {congress} is called and not yet closed; one congress at a time.',
  'refusal.governance.congressNoBody':
    'Refused — {rule}: there is no congress body ({kind}) at the root of the organisation to call.',
  'refusal.governance.congressNoticeShort':
    'Refused — {rule}: a congress is called at least {days} days ahead; {opensOn} is earlier than {earliest}.',
  'refusal.governance.congressBeyondSchedule':
    'Refused — {rule}: the congress must open by {latest} on the statute’s schedule, not on {opensOn}; only a recorded postponement vote may put it back.',
  'refusal.governance.congressNoSchedule': 'Refused — {rule}: no congress has opened yet, so none is overdue.',
  'refusal.governance.congressNotDue':
    'Refused — {rule}: the next congress is due by {due}; members may convoke it from {from} if it has not been called.',
  'refusal.governance.congressUnknown': 'Refused — {rule}: there is no congress {id}.',
  'refusal.governance.congressNotInPreparation':
    'Refused — {rule}: the congress {id} is not being prepared (it has opened or closed).',
  'refusal.governance.congressNotOpen': 'Refused — {rule}: the congress {id} is not in session.',
  'refusal.governance.congressNotInSession':
    'Refused — {rule}: the congress ({body}) acts only in session, and none of its congresses is open.',
  'refusal.governance.congressOpensLater': 'Refused — {rule}: the congress opens on {opensOn}, not before.',
  'refusal.governance.congressRollEmpty':
    'Refused — {rule}: no member with a vote belongs to a unit that elects delegates.',
  'refusal.governance.congressPetitionWhileCalled':
    'Refused — {rule}: the congress {congress} is already called; the petition starts again after it.',
  'refusal.governance.congressPetitionSignedAlready':
    'Refused — {rule}: this member has signed the petition for an extraordinary congress already.',
  'refusal.governance.congressPetitionResolvedAlready':
    'Refused — {rule}: the unit {unit} has resolved to petition already.',
  'refusal.governance.congressExtraordinaryFixed':
    'Refused — {rule}: an extraordinary congress opens when the statute says; it cannot be postponed.',
  'refusal.governance.congressPostponeEarlier':
    'Refused — {rule}: the congress opens on {opensOn}; a postponement puts it later.',
  'refusal.governance.congressPostponedTooLong':
    'Refused — {rule}: that would put the congress back {days} days from {original}; at most {maxDays} in all.',
  'refusal.governance.delegateSeatsShort':
    'Refused — {rule}: {seats} delegates cannot give each of the {units} units its minimum of {minimum}.',
  'refusal.governance.delegateUnitNotApportioned':
    'Refused — {rule}: the unit {unit} has no delegates apportioned to this congress.',
  'refusal.governance.delegatesElectedAlready':
    'Refused — {rule}: the unit {unit} has elected its delegates to this congress already.',
  'refusal.governance.delegateSeatsMismatch':
    'Refused — {rule}: the unit elects {seats} delegates; {given} mandates were given.',
  'refusal.governance.delegateNotOnRoll': 'Refused — {rule}: {member} is not on the congress’s frozen roll in {unit}.',
  'refusal.governance.delegateTooFewCandidates': 'Refused — {rule}: {candidates} candidates for {seats} seats.',
  'refusal.governance.delegateBallotNotCandidate': 'Refused — {rule}: a ballot ranks {member}, who is not a candidate.',
  'refusal.governance.delegateBallotRepeats': 'Refused — {rule}: a ballot ranks a candidate more than once.',
  'refusal.governance.delegateBallotsExceedRoll':
    'Refused — {rule}: {ballots} ballots, but only {roll} members of the unit are on the frozen roll.',
  // ── bulletin: the congress's bulletin part (packages/domain/src/congress/bulletin.ts) ──
  'refusal.governance.platformUnknown': 'Refused — {rule}: there is no platform {id}.',
  'refusal.governance.platformSignedAlready': 'Refused — {rule}: {member} has signed the platform {id} already.',
  'refusal.governance.platformSignerNoVote':
    'Refused — {rule}: {member} has no vote yet; a platform is drafted and signed by members with a vote.',
  'refusal.governance.platformBodiesCannotEdit':
    'Refused — {rule}: {who} is a body; no body can block, delay or edit a platform: only its signatories amend it.',
  'refusal.governance.platformNotSignatory':
    'Refused — {rule}: {member} has not signed the platform {id}; only its signatories amend it.',
  'refusal.governance.platformAmendmentUnknown': 'Refused — {rule}: there is no amendment {id} to a platform.',
  'refusal.governance.platformAmendmentApprovedAlready':
    'Refused — {rule}: {member} has approved this amendment already.',
  'refusal.governance.platformAmendmentStale':
    'Refused — {rule}: the amendment {id} was to version {base} of the platform, which is now at version {version}.',
  'refusal.governance.letterNoRecipients':
    'Refused — {rule}: the body {body} has no members on that day to receive the letter.',
  // ── motions: the congress's motions part (packages/domain/src/congress/motions.ts) ──
  'refusal.governance.motionUnknown': 'Refused — {rule}: there is no motion {id}.',
  'refusal.governance.motionOutsideBody':
    'Refused — {rule}: {who} may put motions only to bodies of their own unit or of a unit that contains it, not to {body}.',
  'refusal.governance.motionBodiesApart':
    'Refused — {rule}: the body {who} may put motions only to bodies of a unit within its own or containing it, not to {body}.',
  'refusal.governance.motionCosignOwn': 'Refused — {rule}: a motion is co-signed by members other than its mover.',
  'refusal.governance.motionCosignedAlready': 'Refused — {rule}: this member has co-signed the motion already.',
  'refusal.governance.motionNotDrafted':
    'Refused — {rule}: the motion {id} is no longer collecting co-signatures ({status, select, submitted {it is submitted} withdrawn {it was withdrawn} composited {it was merged into a composite} decided {it is decided} other {it is not a draft}}).',
  'refusal.governance.motionNotOpen':
    'Refused — {rule}: the motion {id} is not before its body ({status, select, drafted {it still needs its co-signatures} withdrawn {it was withdrawn} composited {it was merged into a composite} decided {it is decided} other {it is closed}}).',
  'refusal.governance.motionTooLong':
    'Refused — {rule}: a motion’s text may have at most 2,000 lines and 100,000 characters, amended or not.',
  'refusal.governance.motionNotMover': 'Refused — {rule}: only the motion’s mover may withdraw it, not {who}.',
  'refusal.governance.motionWithdrawComposite':
    'Refused — {rule}: a composite motion belongs to all its movers; no one of them may withdraw it for the others.',
  'refusal.governance.motionAmendmentsPending':
    'Refused — {rule}: {count, plural, one {# amendment is} other {# amendments are}} still to be voted on before the motion itself.',
  'refusal.governance.motionVoteOutOfOrder':
    'Refused — {rule}: amendments are voted on in order (amendments to an amendment first, then by the first line they affect); next is {next}.',
  'refusal.governance.amendmentUnknown': 'Refused — {rule}: there is no amendment {id} to this motion.',
  'refusal.governance.amendmentNotInBody':
    'Refused — {rule}: {who} is not a member of {body}; only its members, or a body entitled to put motions to it, may amend.',
  'refusal.governance.amendmentLines':
    'Refused — {rule}: lines {from} to {to} are not in a text of {lines, plural, one {# line} other {# lines}} (to insert before line n, give n to n − 1).',
  'refusal.governance.amendmentNothing': 'Refused — {rule}: an insertion must insert at least one line.',
  'refusal.governance.amendmentNotPending':
    'Refused — {rule}: the amendment {id} is no longer pending ({status, select, carried {it was carried} lost {it was lost} fell {it fell} other {it is closed}}).',
  'refusal.governance.compositeUnknown': 'Refused — {rule}: there is no proposed composite {id}.',
  'refusal.governance.compositeMotions':
    'Refused — {rule}: a composite merges two or more different motions before the same body.',
  'refusal.governance.compositeNotMover':
    'Refused — {rule}: {who} is not a mover of the motions merged; only their movers consent.',
  'refusal.governance.compositeConsentedAlready': 'Refused — {rule}: this mover has consented already.',
  'refusal.governance.compositeClosed': 'Refused — {rule}: the composite {id} is agreed already.',
  // ── floor: the congress's floor part (packages/domain/src/congress/floor.ts) ──
  'refusal.governance.unknownMeeting': 'Refused — {rule}: there is no meeting {id}.',
  'refusal.governance.meetingClosed': 'Refused — {rule}: the meeting {id} is closed.',
  'refusal.governance.meetingTimeOrder':
    'Refused — {rule}: the act is timed {time}, before the meeting’s latest act ({last}).',
  'refusal.governance.chairNotInBody': 'Refused — {rule}: the chair must be a member of {body}; {member} is not.',
  'refusal.governance.notInMeetingBody': 'Refused — {rule}: {member} is not a member of {body}, whose meeting this is.',
  'refusal.governance.unknownAgendaItem': 'Refused — {rule}: there is no item {item} on the agenda.',
  'refusal.governance.coReportRemoved':
    'Refused — {rule}: the co-report of the platform {platform} (item {item}) cannot be taken off the agenda.',
  'refusal.governance.agendaItemInUse':
    'Refused — {rule}: the item {item} has speakers, a closed debate or votes, so it stays on the agenda.',
  'refusal.governance.speakerListedAlready': 'Refused — {rule}: {member} is on the list of this item already.',
  'refusal.governance.speakerNotListed': 'Refused — {rule}: {member} is not waiting on the list of this item.',
  'refusal.governance.speakerPlatformUnknown':
    'Refused — {rule}: there is no platform {platform} filed for this congress.',
  'refusal.governance.speakerNotSignatory':
    'Refused — {rule}: only a signatory of the platform {platform} speaks for it; {member} is not one.',
  'refusal.governance.speakerOutOfOrder':
    'Refused — {rule}: the list gives the floor to {next} next, not to {member}; the chair cannot pass anyone over.',
  'refusal.governance.noSpeakerWaiting': 'Refused — {rule}: nobody is waiting on the list of the item {item}.',
  'refusal.governance.speechInProgress': 'Refused — {rule}: {member} has the floor (speech {speech}).',
  'refusal.governance.noSpeechInProgress': 'Refused — {rule}: nobody has the floor.',
  'refusal.governance.speechTimeLeft':
    'Refused — {rule}: the speaker has {left, plural, one {# minute} other {# minutes}} of their {minutes} left; the chair cannot cut them short.',
  'refusal.governance.itemDebateClosed': 'Refused — {rule}: the debate on the item {item} is closed.',
  'refusal.governance.itemDebateOpen': 'Refused — {rule}: the debate on the item {item} must close before the vote.',
  'refusal.governance.platformQuotaOwed':
    'Refused — {rule}: the platform {platform} has speakers waiting and has had {had} of the {quota} speeches it is owed.',
  'refusal.governance.pointOfOrderPending':
    'Refused — {rule}: the chair must first rule on the point of order {point}.',
  'refusal.governance.challengePending':
    'Refused — {rule}: the ruling {ruling} is challenged; the meeting must vote on it first.',
  'refusal.governance.unknownPointOfOrder': 'Refused — {rule}: there is no point of order {id} in this meeting.',
  'refusal.governance.pointRuledAlready': 'Refused — {rule}: the point of order {id} has its ruling ({ruling}).',
  'refusal.governance.unknownRuling': 'Refused — {rule}: there is no ruling {id}.',
  'refusal.governance.rulingChallengedAlready': 'Refused — {rule}: the ruling {id} has been challenged already.',
  'refusal.governance.rulingNotChallenged': 'Refused — {rule}: no challenge of the ruling {id} awaits a vote.',
  'refusal.governance.agendaUnfinished':
    'Refused — {rule}: the debate is still open on {items}: only the meeting’s own vote can close it earlier.',
  // ── secret ballots: refusals of @plenum/crypto (Belenios) ──
  'crypto.malformed': 'Refused — {rule}: malformed at {where}: {detail}.',
  'crypto.wrong-election': 'Refused — {rule}: made for another election ({where}: {detail}).',
  'crypto.invalid-proof': 'Refused — {rule}: a proof or signature does not verify ({where}: {detail}).',
  'crypto.unknown-credential': 'Refused — {rule}: the credential is not one of this election’s ({where}: {detail}).',
  'crypto.unsupported': 'Refused — {rule}: not supported by Plenum ({where}: {detail}).',
  'minutes.title': 'Minutes of the meeting {meeting} of {body}',
  'minutes.opened': 'Opened on {on} at {at}. Chair: {chair}.',
  'minutes.agenda': 'Agenda',
  'minutes.coReportItem': 'co-report, {minutes, plural, one {# minute} other {# minutes}}',
  'minutes.agendaVote': 'On {on} at {at} the meeting voted on a change of the agenda: {outcome}. {count}',
  'minutes.noSpeeches': 'No speeches.',
  'minutes.speech':
    'Speech {n}: {speaker} ({side}), {from}–{to}: spoke {spoke, plural, one {# minute} other {# minutes}} of {minutes}',
  'minutes.side.for': 'for',
  'minutes.side.against': 'against',
  'minutes.side.neutral': 'neutral',
  'minutes.note.coReport': 'co-report',
  'minutes.note.platform': 'for the platform {platform}',
  'minutes.note.unfinished': 'not ended',
  'minutes.note.endedByChair': 'ended by the chair',
  'minutes.note.overran': 'over the time limit',
  'minutes.debateClosed': 'The chair closed the debate on {on} at {at}. Still on the list: {waiting}.',
  'minutes.nobody': 'nobody',
  'minutes.vote': 'Vote {vote} at {at} — “{question}”: {outcome}. {count}',
  'minutes.count':
    'By {method}: yes {yes}, no {no}, abstentions {abstain}; {present} present of {members} members; {majority} majority: {arithmetic}.',
  'minutes.method.showOfHands': 'show of hands',
  'minutes.method.rollCall': 'roll call',
  'minutes.method.secretBallot': 'secret ballot',
  'minutes.roll': 'Roll call: {answers}.',
  'minutes.choice.yes': 'yes',
  'minutes.choice.no': 'no',
  'minutes.choice.abstain': 'abstains',
  'minutes.carried': 'carried',
  'minutes.lost': 'lost',
  'minutes.motions': 'Motions and amendments decided',
  'minutes.amendment': 'Amendment {amendment} (lines {from}–{to}): {outcome}. {count}',
  'minutes.amendmentFell': 'Amendment {amendment} (lines {from}–{to}) fell: {because} carried.',
  'minutes.motion': 'The motion, on {on}: {outcome}. {count}',
  'minutes.motionNotDecided': 'The motion itself was not decided at this meeting.',
  'minutes.pointsOfOrder': 'Points of order and rulings of the chair',
  'minutes.none': 'None.',
  'minutes.point': 'Point of order {point} by {member} at {at}: {text}',
  'minutes.pointPending': 'Not ruled on.',
  'minutes.ruling': 'Ruling {ruling} of the chair at {at}: {decision}',
  'minutes.challenge': 'Challenged by {member} at {at}.',
  'minutes.challengePending': 'The meeting has not voted on the challenge.',
  'minutes.challengeDecided': 'The meeting’s vote at {at}: the ruling is {outcome}. {count}',
  'minutes.overturned': 'overturned',
  'minutes.upheld': 'upheld',
  'minutes.stillOpen': 'The meeting is still open.',
  'minutes.closedByChair': 'The chair closed the meeting on {on} at {at}, its agenda done.',
  'minutes.closedByMeeting': 'The meeting closed itself by its vote on {on} at {at}. {count}',
  // ── discipline: the congress's discipline part (packages/domain/src/congress/discipline.ts) ──
  'refusal.governance.caseUnknown': 'Refused — {rule}: there is no disciplinary case {id}.',
  'refusal.governance.caseOpenAlready':
    'Refused — {rule}: {member} already answers case {id}; a new case waits until it is closed.',
  'refusal.governance.caseNoBody':
    'Refused — {rule}: no {kind} exists in the accused’s unit or above it to hear the case.',
  'refusal.governance.caseProtectedOpinion':
    'Refused — {rule}: no member may be charged for opinions expressed in internal discussion ({ref}).',
  'refusal.governance.caseRecordUnknown': 'Refused — {rule}: the record holds no {ref}.',
  'refusal.governance.caseConfidentialMix':
    'Refused — {rule}: in a confidential case every text is sealed by its commitment; in an open case none is.',
  'refusal.governance.caseClosed': 'Refused — {rule}: case {id} is closed.',
  'refusal.governance.caseReplyLate': 'Refused — {rule}: the time to reply ended on {replyBy}.',
  'refusal.governance.caseRepliedAlready': 'Refused — {rule}: the accused has replied to these charges already.',
  'refusal.governance.caseNotice':
    'Refused — {rule}: a hearing on {hearingOn} gives too little notice or comes before the reply; the earliest day is {earliest}.',
  'refusal.governance.caseNoHearing': 'Refused — {rule}: no hearing has been scheduled in this case.',
  'refusal.governance.caseHeardAlready': 'Refused — {rule}: the hearing in this case has been held already.',
  'refusal.governance.caseHearingDay': 'Refused — {rule}: the hearing is scheduled for {hearingOn}.',
  'refusal.governance.caseReplyPending':
    'Refused — {rule}: the accused may still reply until {replyBy}; no decision before the reply or that day.',
  'refusal.governance.caseNotHeard': 'Refused — {rule}: no decision without a hearing of the accused.',
  'refusal.governance.caseDecidedAlready': 'Refused — {rule}: this case has been decided already.',
  'refusal.governance.casePenalty': 'Refused — {rule}: the statute provides no penalty “{penalty}”.',
  'refusal.governance.caseNotDecided': 'Refused — {rule}: this case has not been decided yet.',
  'refusal.governance.caseNotAppealable': 'Refused — {rule}: there is no appeal left against this decision.',
  'refusal.governance.caseAppealLate': 'Refused — {rule}: the time to appeal ended on {appealBy}.',
  'refusal.governance.caseAppealPending':
    'Refused — {rule}: an appeal in this case is pending; the penalty waits for it.',
  'refusal.governance.caseNoAppeal': 'Refused — {rule}: no appeal in this case awaits a decision.',
  'refusal.governance.caseAppealOpen':
    'Refused — {rule}: the accused may appeal until {appealBy}; the penalty is not in force before then.',
  'refusal.governance.ballotUnknown': 'Refused — {rule}: there is no secret ballot {id}.',
  'refusal.governance.ballotQuestions':
    'Refused — {rule}: a secret ballot asks 1 to {questions} questions, each with 1 to {answers} different answers of at most {length} characters, and 0 ≤ min ≤ max ≤ the number of answers.',
  'refusal.governance.ballotElectorateEmpty': 'Refused — {rule}: the electorate ({scope}) has nobody in it that day.',
  'refusal.governance.ballotTrustees':
    'Refused — {rule}: a secret ballot has 2 to {max} trustees, each a different member.',
  'refusal.governance.ballotThreshold':
    'Refused — {rule}: the threshold must be at least 2 and at most the number of trustees ({trustees}).',
  'refusal.governance.ballotFaction':
    'Refused — {rule}: {nominator} nominated {count} trustees, and {threshold} of them could decrypt without anyone else; no nominator may hold the threshold.',
  'refusal.governance.ballotAuthorityTrustee': 'Refused — {rule}: the credential authority cannot also be a trustee.',
  'refusal.governance.ballotNominator':
    'Refused — {rule}: trustees are nominated by a filed platform or a body; {nominator} is neither.',
  'refusal.governance.ballotStage': 'Refused — {rule}: not at this stage of the ballot ({stage}).',
  'refusal.governance.ballotCredentials':
    'Refused — {rule}: the credential authority publishes one new public credential per elector, none twice: {expected} remain.',
  'refusal.governance.ballotNotTrustee': 'Refused — {rule}: {who} is not a trustee of this ballot.',
  'refusal.governance.ballotTrusteeDone': 'Refused — {rule}: this trustee has already done step {step}.',
  'refusal.governance.ballotCeremony': 'Refused — {rule}: the preparation is not finished ({step}).',
  'refusal.governance.ballotNotOpen': 'Refused and recorded — {rule}: the ballot box of {id} is not open yet.',
  'refusal.governance.ballotClosed': 'Refused and recorded — {rule}: the ballot box of {id} is closed.',
  'refusal.governance.ballotMalformed':
    'Refused and recorded — {rule}: this is not a ballot of this election ({detail}).',
  'refusal.governance.ballotCredentialUnknown':
    'Refused and recorded — {rule}: the ballot is signed with a credential this election did not issue.',
  'refusal.governance.ballotReplayed':
    'Refused and recorded — {rule}: this exact ballot is already in the box (tracker {tracker}).',
  'refusal.governance.ballotRefusedAlready':
    'Refused — {rule}: this ballot was already refused and recorded (hash {tracker}).',
  'refusal.governance.ballotDecryption': 'Refused — {rule}: the partial decryptions do not give a result.',
  'refusal.governance.ballotVoterOnly':
    'Refused — {rule}: ballots enter the record only through the ballot box, signed by their credential, never as a member’s or body’s command.',
  'refusal.record.actorKey':
    'Refused — {rule}: {actor} signs with the key the record binds to it ({bound}), not with {key}.',
  'refusal.record.keyNotEnrolled':
    'Refused — {rule}: {actor} has no key in the record yet: keys are enrolled at sign-in.',
  'error.commandStale':
    'The organisation has changed since this command was prepared: prepare it again and sign the new events. Nothing was recorded.',
  'error.badEventSignature':
    'The signature of {actor} on a {type} event does not verify with the key {key}; nothing was recorded.',
  'error.logKeyPermissions':
    'The log key {file} can be read by others (mode {mode}). Run “chmod 600 {file}”; Plenum will not sign with a key others may have copied.',
  'error.logKeyMalformed': 'The log key {file} cannot be read: {reason}',
  'error.logKeyLost':
    'The record in {dir} has signed checkpoints but the log key {file} is missing. Restore it from a backup; a new key would make the record unverifiable against what members already hold.',
  'cli.error.badOrigin': 'plenum: “{value}” cannot be a log origin (no spaces or “+”, 1 to 200 characters).',
  'cli.option.origin': "origin (name) of the record's log, e.g. example.org/union (init and demo)",
  'cli.logKey': 'Checkpoints of the record are signed with the log key {vkey}',
  'cli.usage': "Usage: plenum '<command>' [options]",
  'cli.commands': 'Commands:',
  'cli.options': 'Options:',
  'cli.command.serve': 'serve the organisation in the data directory',
  'cli.command.init': 'create an empty organisation in the data directory',
  'cli.command.demo': 'create the demo organisation on first start, then serve it',
  'cli.option.port': 'port to listen on (env PORT, default {port})',
  'cli.option.host': 'address to listen on (env PLENUM_HOST, default {host})',
  'cli.option.dataDir': 'data directory (env PLENUM_DATA_DIR, default {dir})',
  'cli.option.databaseUrl':
    'PostgreSQL URL postgres://user:password@host:5432/db for the record (env PLENUM_DATABASE_URL; default: SQLite in the data directory)',
  'cli.option.name': 'name of the organisation (init only)',
  'cli.option.help': 'show this help',
  'cli.option.version': 'show the version',
  'cli.error.unknownCommand': 'plenum: unknown command “{command}”. Run “plenum --help” for the list.',
  'cli.error.noCommand': 'plenum: no command given. Run “plenum --help” for the list.',
  'cli.error.unknownOption': 'plenum: unknown option “{option}”. Run “plenum --help” for the options.',
  'cli.error.missingValue': 'plenum: the option “{option}” needs a value.',
  'cli.error.unexpectedArgument': 'plenum: unexpected argument “{argument}”.',
  'cli.error.unexpected': 'plenum: unexpected error: {reason}',
  'cli.warning.noWebApp':
    'The browser application is not built ({dir} is missing); serving the API only. Run “npm run build”.',
  'cli.error.badOption': 'plenum: {detail}. Run “plenum --help” for the options.',
  'cli.error.badPort': 'plenum: the port must be a whole number from 0 to 65535, not “{value}”.',
  'cli.error.badName': 'plenum: the organisation name must be 1 to 200 characters.',
  'cli.error.listen': 'plenum: cannot listen on {host}:{port} ({reason}).',
  'cli.initialised': 'Created the organisation “{name}” in {dir}.',
  'cli.command.verifyElection':
    "verify a secret ballot's Belenios archive, from a file or a URL: verify election '<archive|url>'",
  'election.verify.check.archive':
    'the archive: {count, plural, one {# event} other {# events}}, each chained to the one before, every file named by its hash',
  'election.verify.check.election': 'the election: {count, plural, one {# question} other {# questions}}',
  'election.verify.check.trustees':
    "the trustees' keys and proofs ({count, plural, one {# key} other {# keys}}); the election key is their product",
  'election.verify.check.credentials':
    '{count, plural, one {# public credential} other {# public credentials}}, each in the group, none twice',
  'election.verify.check.ballots':
    '{count, plural, one {# ballot} other {# ballots}}: each signed by a credential of the election, every proof valid',
  'election.verify.check.tally':
    'the encrypted tally is the product of the {count, plural, one {# counted ballot} other {# counted ballots}}',
  'election.verify.check.decryption': 'the partial decryption of trustee {count} and its proofs',
  'election.verify.check.result': 'the result is the decryption of the tally',
  'election.verify.progress': 'ballot {done, number} of {total, number}',
  'election.verify.ok':
    'Verified: {ballots, plural, one {# ballot} other {# ballots}} cast, {counted, plural, one {# counted} other {# counted}}, and the result is theirs.',
  'election.verify.okOpen':
    'Verified so far: {ballots, plural, one {# ballot} other {# ballots}} cast ({counted} counted); the ballot is not decrypted yet.',
  'election.verify.failed': 'NOT verified: {target} fails the check above.',
  'election.verify.blank': 'blank',
  'election.verify.error.read': 'plenum: cannot read the archive {target}: {reason}',
  'election.verify.error.usage': "plenum: usage: plenum verify election '<archive.bel|url>' [--json]",
  'cli.command.trustee':
    "do a trustee's next step of a secret ballot, signed with the member's key: trustee '<server-url>' '<ballot-id>' --member '<id>' --key '<file>' --seed '<file>'",
  'trustee.done': 'Done: step {step} of ballot {ballot}, signed and recorded.',
  'trustee.refused': 'Step {step} refused: {problem}',
  'trustee.waiting': 'Nothing to do yet: waiting for {what}.',
  'trustee.error.key': 'plenum: cannot read the signer key {file}: {reason}',
  'trustee.error.seedExists': 'plenum: {file} already exists: a trustee’s seed is never overwritten.',
  'trustee.error.notTrustee': 'plenum: {member} is not a trustee of ballot {ballot}.',
  'trustee.error.material': 'the tally or the shares the server gave do not read',
  'trustee.error.server': 'plenum: the server {server} could not be used: {reason}',
  'trustee.error.usage':
    "plenum: usage: plenum trustee '<server-url>' '<ballot-id>' --member '<id>' --key '<signer-key file>' --seed '<file>' [--on YYYY-MM-DD]",
  'cli.command.count': "count a ballot file: count --method '<name>' '<file>'",
  'cli.option.method': 'the counting method (count): see the list below',
  'cli.option.seats': 'the number of seats to fill (count; default: as the file says)',
  'cli.option.format': 'the ballot file format (count; default: from the file name): blt, csv, soi, toi, toc, json',
  'cli.option.threshold':
    'the legal threshold in percent of the votes (count, apportionment methods): parties under it get no seat',
  'cli.option.seed': 'seed of any draw by lot (count; default: the SHA-256 of the file), reported with each draw',
  'cli.option.json': 'print the whole report as JSON (count)',
  'count.methods.heading': 'Counting methods (plenum count --method):',
  'count.method.scottish-stv':
    'STV as in Scottish council elections (SSI 2007/42): weighted inclusive Gregory, 5 decimals',
  'count.method.ers97':
    'ERS97 STV (Electoral Reform Society rules, 1997): two decimals, last-batch surplus transfers, deferred surpluses, batch exclusions',
  'count.method.meek': 'Meek STV, Droop-compatible fixed point (9 decimals, as stv-rs); equal rankings allowed',
  'count.method.irv': 'instant runoff (Maine/RCTab rules: an overvote exhausts the ballot)',
  'count.method.irv-minneapolis':
    'instant runoff as Minneapolis counted in 2013 (overvotes skipped, batch elimination)',
  'count.method.schulze': 'Schulze (winning votes); with several seats, the top of the Schulze ranking',
  'count.method.plurality': 'plurality: most first preferences (several seats: block vote)',
  'count.method.approval': 'approval: every candidate marked on a ballot is approved once',
  'count.method.sainte-lague': 'apportionment by Sainte-Laguë/Webster (first preferences as party votes)',
  'count.method.dhondt': 'apportionment by D’Hondt/Jefferson (first preferences as party votes)',
  'count.method.hare-niemeyer': 'apportionment by Hare-Niemeyer/largest remainder (first preferences as party votes)',
  'count.header':
    '{title} — {method}: {seats, plural, one {# seat} other {# seats}}, {voters, number} voters, {candidates, plural, one {# candidate} other {# candidates}}',
  'count.rule': 'Rule: {rule}',
  'count.quota': 'Quota: {quota}',
  'count.round': 'Round {number}',
  'count.roundWithQuota': 'Round {number} (quota {quota})',
  'count.column.candidate': 'Candidate',
  'count.column.votes': 'Votes',
  'count.column.change': 'Change',
  'count.nonTransferable': 'Non-transferable',
  'count.action.elected': 'Elected: {names} — {rule}: {reason}',
  'count.action.excluded': 'Excluded: {names} — {rule}: {reason}',
  'count.action.surplus': 'Surplus of {name} ({amount}) transferred — {rule}: {reason}',
  'count.action.note': '{rule}: {reason}',
  'count.tieBreak': 'Tie in round {round} between {names}: {chosen} chosen ({purpose}) — {how}',
  'count.tieBreakLot':
    'Tie in round {round} between {names}: {chosen} chosen ({purpose}) by lot — seed “{seed}”, draw {draw} among {of} — {how}',
  'count.elected': 'Elected, in order: {names}',
  'count.progress.reading': 'Reading {file}… {percent}%',
  'count.progress.counting': 'Counting {ballots, plural, one {# distinct ballot} other {# distinct ballots}}…',
  'count.error.usage':
    "plenum: usage: plenum count --method '<name>' [--seats N] [--format blt] [--seed S] [--threshold P] [--json] '<file>'",
  'count.error.method': 'plenum: there is no counting method “{method}”. Methods: {methods}.',
  'count.error.format': 'plenum: cannot tell the format of {file}: give --format ({formats}).',
  'count.error.thresholdValue':
    'plenum: --threshold must be a percentage of the votes such as 5 or 0.5, not “{value}”.',
  'count.error.thresholdMethod': 'plenum: --threshold applies to the apportionment methods only, not to {method}.',
  'count.error.seatsValue': 'plenum: --seats must be a whole number of at least 1, not “{value}”.',
  'count.error.seats':
    'plenum: {seats, plural, one {# seat} other {# seats}} cannot be filled from {candidates, plural, one {# candidate} other {# candidates}}.',
  'count.error.singleWinner': 'plenum: {method} elects one candidate; --seats {seats} is not possible.',
  'count.error.read': 'plenum: cannot read {file}: {reason}',
  'count.error.encoding': 'plenum: {file} is not UTF-8 text.',
  'count.error.malformed': 'plenum: {file}:{line}: {detail}',
  'count.error.equalRankings':
    'plenum: {file}: ballot {ballot} ranks candidates equally, which the method {method} does not allow.',
  'count.error.impossible': 'plenum: {method} cannot count this: {reason}',
  'cli.foundersKey':
    'The founders signed the founding with the key in {file} (readable by you only). It can act only until the congress is constituted: keep it, but not on this server.',
  'error.foundersKeyExists':
    'A founders’ key exists already in {file}, yet the organisation is not founded. Move it away if it is not needed, then run plenum init again.',
  'cli.demoCreated': 'Created the demo organisation “{name}” with {members} members in {dir}.',
  'cli.demoReused': 'Using the existing organisation “{name}” in {dir}.',
  'cli.error.unknownScenario': 'plenum: there is no scenario “{scenario}”. Scenarios: {scenarios}.',
  'cli.scenario1923.heading':
    'The 1923 scenario: the Platform of the 46 was filed and circulated to {recipients, plural, one {# member} other {# members}}. Branch by branch (members; for the platform; delegate seats; delegates of the platform):',
  'cli.scenario1923.branch': '  {branch}: {members}; {forPlatform}; {seats}; {delegates}',
  'cli.scenario1923.total':
    'In all, {votes} of {members} members voted for the platform; its supporters won {delegates} of the {seats} delegates.',
  'cli.scenario1923.history':
    'In January 1924 the Opposition had about half the vote in Moscow, and only three delegates voted for its position at the XIII Conference. See docs/scenario-1923.md.',
  'cli.serving': 'Plenum is serving “{name}” at {url}',
  'cli.stopping': 'Stopping…',
  // ── e-mail circulation (packages/app/src/mail.ts, packages/server/src/mailer.ts) ──
  'cli.environment': 'Environment:',
  'cli.env.smtpUrl':
    'SMTP server that circulates platforms and letters by e-mail: smtp://user:password@host:587 or smtps://…:465 (unset: no e-mail)',
  'cli.env.mailFrom': 'the address e-mail is sent from, e.g. plenum@example.org (needed with PLENUM_SMTP_URL)',
  'cli.env.publicUrl': 'the server’s public address, for links in e-mail, e.g. https://plenum.example.org/',
  'cli.error.smtpUrl':
    'plenum: PLENUM_SMTP_URL must be smtp://[user:password@]host[:port] or smtps://[user:password@]host[:port]; got “{value}”.',
  'cli.error.mailFrom':
    'plenum: PLENUM_SMTP_URL is set, so PLENUM_MAIL_FROM must be the address to send from; got “{value}”.',
  'cli.error.publicUrl': 'plenum: PLENUM_PUBLIC_URL must be an http:// or https:// address; got “{value}”.',
  'cli.mail.on': 'E-mail: platforms and letters are circulated through {server}, from {from}',
  'cli.mail.off': 'E-mail: off (set PLENUM_SMTP_URL and PLENUM_MAIL_FROM to circulate platforms and letters by e-mail)',
  'members.import.contacts':
    '{count, plural, =0 {No e-mail address was} one {# e-mail address was} other {# e-mail addresses were}} kept for circulation (private: never in the record).',
  'mail.platform.subject': 'Platform circulated: {title} (version {version})',
  'mail.platform.body':
    'The platform “{title}” (version {version}) was filed with {signatories, plural, one {# signature} other {# signatures}} and is circulated to every member of {organisation} ({on}). No body can block, delay or edit it; only its signatories can amend it.',
  'mail.letter.subject': 'Letter to {body}: {title}',
  'mail.letter.body':
    '{author} wrote to {body} ({on}). Plenum delivers the letter to every member of {body}; nobody can withhold it.',
  'mail.link': 'In Plenum: {url}',
  'mail.footer':
    'You receive this as a member of {organisation}. The delivery is in the public record of the organisation; your e-mail address is not.',
  'import.members.file.empty': 'The file is empty: there is no header line naming the columns.',
  'import.members.file.unterminatedQuote':
    'Line {line}: a quote opened on this line is never closed, so the rest of the file cannot be read.',
  'import.members.file.missingColumns':
    'The file has no column for {count, plural, one {this required field} other {these required fields}}: {fields}. Columns found: {found}.',
  'import.members.file.fullNameColumn':
    'The column “{column}” seems to hold whole names. Plenum does not split names: give the given names and the family names in two columns.',
  'import.members.file.duplicateColumn': 'The columns “{first}” and “{second}” hold the same field: keep only one.',
  'import.members.file.dateOrderConflict':
    'The column “{column}” has dates written day first ({dmyValue}, line {dmyLine}) and month first ({mdyValue}, line {mdyLine}).',
  'import.members.file.dateOrderUnknown':
    'The dates of the column “{column}” can be read day first or month first ({value}, line {line}): say which with --date-order dmy or --date-order mdy.',
  'import.members.row.fieldCount':
    'Line {line}: the row has {found, plural, one {# field} other {# fields}}, the header {expected, plural, one {# column} other {# columns}}.',
  'import.members.row.malformedQuotes':
    'Line {line}: text follows the closing quote of a field; a quote inside a quoted field must be doubled.',
  'import.members.row.emptyGivenName': 'Line {line}: the given name (column “{column}”) is empty.',
  'import.members.row.emptyFamilyName': 'Line {line}: the family name (column “{column}”) is empty.',
  'import.members.row.emptyUnit': 'Line {line}: the unit (column “{column}”) is empty.',
  'import.members.row.emptyAdmittedOn': 'Line {line}: the admission date (column “{column}”) is empty.',
  'import.members.row.controlCharacter':
    'Line {line}, column “{column}”: the control or invisible character {codePoint} is not allowed.',
  'import.members.row.tooLong':
    'Line {line}, column “{column}”: {length, plural, one {# character} other {# characters}}, more than the {max} allowed.',
  'import.members.row.emailInvalid': 'Line {line}, column “{column}”: “{value}” is not an e-mail address.',
  'import.members.row.duplicateEmail':
    'Line {line} repeats line {firstLine}: the e-mail address “{value}” (column “{column}”) is given twice.',
  'import.members.row.duplicateExternalId':
    'Line {line} repeats line {firstLine}: the membership number “{value}” (column “{column}”) is given twice.',
  'import.members.row.dateUnrecognised':
    'Line {line}, column “{column}”: “{value}” is not a date written as 2019-03-07, 07/03/2019, 7.3.2019 or 07-03-2019.',
  'import.members.row.dateTwoDigitYear':
    'Line {line}, column “{column}”: “{value}” has a two-digit year, which could be of either century; write the year in full.',
  'import.members.row.dateImpossible': 'Line {line}, column “{column}”: “{value}” is not a day of the calendar.',
  'import.members.row.dateNotYearFirst':
    'Line {line}, column “{column}”: “{value}” does not start with the year, as the date order given requires.',
  'import.members.row.unitUnknown': 'Line {line}, column “{column}”: there is no unit with the id or name “{value}”.',
  'import.members.row.unitAmbiguous':
    'Line {line}, column “{column}”: several units are named “{value}” ({ids}); give the id of one.',
  'import.members.row.unitNotForMembers':
    'Line {line}, column “{column}”: members cannot belong directly to the unit “{unit}”.',
  'import.members.row.admittedInFuture':
    'Line {line}, column “{column}”: the admission date {value} is after today ({today}).',
  'import.members.row.idExists': 'Line {line}: a member with the id {id} exists already.',
  'import.members.row.idRepeated': 'Line {line} repeats line {firstLine}: both would be the member {id}.',
  'import.members.field.givenName': 'given name',
  'import.members.field.familyName': 'family name',
  'import.members.field.unitRef': 'unit',
  'import.members.field.admittedOn': 'admission date',
  'import.members.field.email': 'e-mail',
  'import.members.field.externalId': 'membership number',
} as const;

export type MessageKey = keyof typeof en;
