import { sha256 } from '@noble/hashes/sha2.js';
import { actorRef, type Actor, type Body, type Member, type StructureCommand, type Unit } from '@plenum/domain';
import { utf8 } from '@plenum/kernel';
import { personName, type Country } from './names.ts';
import { seededRandom } from './random.ts';

/**
 * The demo organisation: an international federation with four national sections, their
 * branches, about two hundred members and the bodies a congress needs. It is fixed by a
 * seed, so the demo and the tests see the same people.
 */
export const DEMO_NAME = 'International Federation of Workers’ Councils';
export const DEMO_SEED = 1923;

interface SectionPlan {
  readonly country: Country;
  readonly id: string;
  readonly name: string;
  readonly branches: readonly { readonly id: string; readonly name: string; readonly members: number }[];
}

const SECTIONS: readonly SectionPlan[] = [
  {
    country: 'BR',
    id: 'sec-br',
    name: 'Seção Brasileira',
    branches: [
      { id: 'br-sao-paulo', name: 'Núcleo São Paulo', members: 24 },
      { id: 'br-rio', name: 'Núcleo Rio de Janeiro', members: 18 },
      { id: 'br-porto-alegre', name: 'Núcleo Porto Alegre', members: 14 },
      { id: 'br-recife', name: 'Núcleo Recife', members: 12 },
    ],
  },
  {
    country: 'DE',
    id: 'sec-de',
    name: 'Sektion Deutschland',
    branches: [
      { id: 'de-berlin', name: 'Ortsgruppe Berlin', members: 19 },
      { id: 'de-hamburg', name: 'Ortsgruppe Hamburg', members: 13 },
      { id: 'de-leipzig', name: 'Ortsgruppe Leipzig', members: 11 },
    ],
  },
  {
    country: 'ES',
    id: 'sec-es',
    name: 'Sección Española',
    branches: [
      { id: 'es-madrid', name: 'Agrupación de Madrid', members: 17 },
      { id: 'es-barcelona', name: 'Agrupació de Barcelona', members: 15 },
      { id: 'es-sevilla', name: 'Agrupación de Sevilla', members: 12 },
    ],
  },
  {
    country: 'RU',
    id: 'sec-ru',
    name: 'Российская секция',
    branches: [
      { id: 'ru-moskva', name: 'Московская организация', members: 16 },
      { id: 'ru-spb', name: 'Петербургская организация', members: 15 },
      { id: 'ru-ekaterinburg', name: 'Екатеринбургская организация', members: 10 },
    ],
  },
];

/** A command and who gives it: the founders, then the central committee and each branch's assembly. */
export interface DemoAction {
  readonly actor: Actor;
  readonly command: StructureCommand;
}

const FOUNDERS: Actor = { kind: 'founders' };
const CENTRAL_COMMITTEE: Actor = { kind: 'body', id: 'central-committee' };

/**
 * The actions that build the demo, in an order the structural rules accept: the founders
 * found the federation and constitute its bodies, the congress last (that ends the founders'
 * period); the central committee creates the sections and branches and constitutes the
 * branch assemblies; each branch's assembly admits its members.
 */
export function demoOrganisationActions(seed: number = DEMO_SEED): DemoAction[] {
  const random = seededRandom(seed);
  const federation: Unit = { id: 'federation', kind: 'federation', name: DEMO_NAME, parentId: null, country: null };
  const actions: DemoAction[] = [{ actor: FOUNDERS, command: { type: 'foundOrganisation', unit: federation } }];
  for (const body of federationBodies(federation.id)) {
    actions.push({ actor: FOUNDERS, command: { type: 'constituteBody', body } });
  }
  const byCommittee = (command: StructureCommand): void => {
    actions.push({ actor: CENTRAL_COMMITTEE, command });
  };
  let memberNumber = 0;
  for (const section of SECTIONS) {
    byCommittee({
      type: 'createUnit',
      unit: unit(section.id, 'section', section.name, federation.id, section.country),
    });
    for (const branch of section.branches) {
      byCommittee({ type: 'createUnit', unit: unit(branch.id, 'branch', branch.name, section.id, section.country) });
      const assembly = branchAssembly(branch.id, branch.name);
      byCommittee({ type: 'constituteBody', body: assembly });
      for (let i = 0; i < branch.members; i += 1) {
        memberNumber += 1;
        const name = personName(section.country, random);
        const member: Member = {
          id: memberId(memberNumber),
          ...name,
          unitId: branch.id,
          admittedOn: admissionDate(random.next()),
        };
        actions.push({ actor: { kind: 'body', id: assembly.id }, command: { type: 'admitMember', member } });
      }
    }
  }
  return actions;
}

/**
 * The secret key (an Ed25519 seed) an actor of the demo signs with. It is derived from the
 * seed and the actor, so it is the same at every start and PUBLIC: anyone can sign as a demo
 * actor. That is fine for a demonstration and nothing else; real actors hold their own keys.
 */
export function demoActorSecret(actor: Actor, seed: number = DEMO_SEED): Uint8Array {
  return sha256(utf8(`plenum demo actor key v1\n${seed}\n${actorRef(actor)}`));
}

function unit(id: string, kind: Unit['kind'], name: string, parentId: string, country: Country): Unit {
  return { id, kind, name, parentId, country };
}

function federationBodies(federationId: string): Body[] {
  return [
    { id: 'central-committee', kind: 'central-committee', name: 'Central Committee', unitId: federationId, seats: 15 },
    {
      id: 'control-commission',
      kind: 'control-commission',
      name: 'Control Commission',
      unitId: federationId,
      seats: 5,
    },
    // Last: once a congress exists the founders can no longer act (Plenum structure.founders-period).
    { id: 'congress', kind: 'congress', name: 'Congress', unitId: federationId, seats: null },
  ];
}

function branchAssembly(branchId: string, branchName: string): Body {
  return { id: `assembly-${branchId}`, kind: 'branch-assembly', name: branchName, unitId: branchId, seats: null };
}

function memberId(n: number): string {
  return `m${String(n).padStart(4, '0')}`;
}

/** A date between 1 January 1995 and 31 December 2025, from a number in [0, 1). */
function admissionDate(fraction: number): string {
  const start = Date.UTC(1995, 0, 1);
  const end = Date.UTC(2025, 11, 31);
  return new Date(start + Math.floor(fraction * (end - start))).toISOString().slice(0, 10);
}
