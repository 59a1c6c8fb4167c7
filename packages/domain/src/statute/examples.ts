/**
 * The two example statutes Plenum ships, as their YAML text: the demo federation's, where
 * tendencies may organise at any time, and a "1921 rule" variant, where members may organise
 * as a tendency or faction only while a pre-congress discussion is open (as the resolution
 * "On Party Unity" of March 1921 allowed platforms only in the discussion before a congress).
 * One engine serves both: only the data differ. docs/statute.md explains every key.
 */
export const DEMO_STATUTE_YAML = `# Statute of the International Federation of Workers' Councils (demo)
plenum-statute: 1
title: Statute of the International Federation of Workers' Councils
version: 1

units:
  clause: "2.1"
  levels: [federation, section, branch]
  created-by: central-committee

majorities:
  simple:
    clause: "8.2"
    kind: simple
    base: votes-cast
    abstentions: excluded
  absolute:
    clause: "8.3"
    kind: absolute
    base: members
    abstentions: counted
  two-thirds:
    clause: "8.4"
    kind: qualified
    fraction: [2, 3]
    base: votes-cast
    abstentions: excluded

quorum:
  clause: "8.1"
  share: [1, 2]

bodies:
  congress:
    clause: "5.1"
    level: federation
    composition: delegates
  central-committee:
    clause: "6.1"
    level: federation
    composition: elected
    elected-by: congress
    seats: 15
    term-months: 24
    term-limit:
      clause: "6.3"
      consecutive-terms: 3
  control-commission:
    clause: "7.1"
    level: federation
    composition: elected
    elected-by: congress
    seats: 5
    term-months: 24
  branch-assembly:
    clause: "4.1"
    level: branch
    composition: all-members

offices:
  secretary:
    clause: "6.4"
    body: central-committee
    chosen-by: central-committee
    how: election
    term-months: 12
    majority: absolute
  branch-secretary:
    clause: "4.3"
    body: branch-assembly
    chosen-by: branch-assembly
    how: election
    term-months: 12
    majority: simple

membership:
  admission:
    clause: "3.2"
    by: branch-assembly
    majority: simple
  voting-rights:
    clause: "3.3"
    after-days: 0
  transfer:
    clause: "3.4"
    by: branch-assembly
    majority: simple
  resignation:
    clause: "3.5"
  lapse:
    clause: "3.6"
    by: branch-assembly
    majority: simple
  readmission:
    clause: "3.7"
    by: branch-assembly
    majority: simple
    after-months: 0

eligibility:
  office:
    clause: "6.2"
    membership-days: 180

incompatibilities:
  - clause: "7.2"
    bodies: [central-committee, control-commission]

recall:
  clause: "9.1"
  petition-share: [1, 4]
  majority: absolute

tendencies:
  clause: "10.1"
  organise: always

pre-congress-discussion:
  clause: "5.3"
  opened-by: central-committee

amendment:
  clause: "12.1"
  by: congress
  majority: two-thirds

congress:
  clause: "5.2"
  body: congress
  called-by: central-committee
  every-months: 24
  notice-days: 60
  extraordinary:
    clause: "5.4"
    members-share: [1, 3]
    units-share: [1, 3]
    convene-within-days: 90
  postponement:
    clause: "5.5"
    by: central-committee
    majority: two-thirds
    max-days: 90

delegates:
  clause: "5.6"
  seats: 40
  apportionment: sainte-lague
  minimum-per-unit: 1
  elected-by: branch-assembly
  method: scottish-stv

platforms:
  clause: "5.7"
  signature-share: [1, 50]
  co-report-minutes: 20

letters:
  clause: "5.8"

motions:
  clause: "11.1"
  member-cosigners: 4
  body-majority: simple
  majority: simple

meetings:
  clause: "8.5"
  speaking-minutes: 5
  alternate: true
  platform-quota: 1
  challenge-majority: simple

discipline:
  clause: "13.1"
  by: branch-assembly
  majority: two-thirds
  reply-days: 14
  notice-days: 7
  appeal-days: 30
  appeals: [control-commission, congress]
  penalties: [warning, suspension, expulsion]
  protects-opinions:
    clause: "13.2"
`;

export const STATUTE_1921_YAML = `# A statute under the "1921 rule": tendencies and factions only in the pre-congress discussion
plenum-statute: 1
title: Statute of a Workers' Party (1921 rule)
version: 1

units:
  clause: "II.1"
  levels: [party, region, cell]
  created-by: central-committee

majorities:
  simple:
    clause: "VIII.2"
    kind: simple
    base: votes-cast
    abstentions: excluded
  absolute:
    clause: "VIII.3"
    kind: absolute
    base: members
    abstentions: counted
  two-thirds-of-members:
    clause: "VIII.4"
    kind: qualified
    fraction: [2, 3]
    base: members
    abstentions: counted

quorum:
  clause: "VIII.1"
  share: [2, 3]

bodies:
  congress:
    clause: "V.1"
    level: party
    composition: delegates
  central-committee:
    clause: "VI.1"
    level: party
    composition: elected
    elected-by: congress
    seats: 27
    term-months: 12
    term-limit:
      clause: "VI.4"
      consecutive-terms: 2
  control-commission:
    clause: "VII.1"
    level: party
    composition: elected
    elected-by: congress
    seats: 7
    term-months: 12
  cell-meeting:
    clause: "IV.1"
    level: cell
    composition: all-members

offices:
  general-secretary:
    clause: "VI.5"
    body: central-committee
    chosen-by: central-committee
    how: election
    term-months: 12
    majority: absolute

membership:
  admission:
    clause: "III.2"
    by: cell-meeting
    majority: absolute
  voting-rights:
    clause: "III.3"
    after-days: 180
  transfer:
    clause: "III.4"
    by: cell-meeting
    majority: simple
  resignation:
    clause: "III.5"
  lapse:
    clause: "III.6"
    by: cell-meeting
    majority: simple
  readmission:
    clause: "III.7"
    by: cell-meeting
    majority: absolute
    after-months: 12

eligibility:
  office:
    clause: "VI.2"
    membership-days: 1095

incompatibilities:
  - clause: "VII.2"
    bodies: [central-committee, control-commission]

recall:
  clause: "IX.1"
  petition-share: [1, 3]
  majority: absolute

tendencies:
  clause: "X.1"
  organise: pre-congress-discussion

pre-congress-discussion:
  clause: "V.3"
  opened-by: central-committee

amendment:
  clause: "XII.1"
  by: congress
  majority: two-thirds-of-members

congress:
  clause: "V.2"
  body: congress
  called-by: central-committee
  every-months: 12
  notice-days: 45
  extraordinary:
    clause: "V.4"
    members-share: [1, 3]
    units-share: [1, 2]
    convene-within-days: 60
  postponement:
    clause: "V.5"
    by: central-committee
    majority: two-thirds-of-members
    max-days: 60

delegates:
  clause: "V.6"
  seats: 60
  apportionment: dhondt
  minimum-per-unit: 0
  elected-by: cell-meeting
  method: meek

platforms:
  clause: "V.7"
  signature-share: [1, 20]
  co-report-minutes: 30

letters:
  clause: "V.8"

motions:
  clause: "XI.1"
  member-cosigners: 9
  body-majority: simple
  majority: simple

meetings:
  clause: "VIII.5"
  speaking-minutes: 10
  alternate: true
  platform-quota: 2
  challenge-majority: simple

discipline:
  clause: "XIII.1"
  by: cell-meeting
  majority: two-thirds-of-members
  reply-days: 21
  notice-days: 10
  appeal-days: 30
  appeals: [control-commission, congress]
  penalties: [warning, suspension, expulsion]
`;
