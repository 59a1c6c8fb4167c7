import type { FastifyInstance } from 'fastify';
import {
  ballotBoard,
  ballotDetail,
  ballotList,
  castReceipt,
  castRequest,
  encryptedTallyView,
  errorBody,
  refusalBody,
  trusteeMaterial,
  type ApiSchema,
  type BallotBoard,
  type BallotDetail,
  type BallotList,
  type BallotSummary,
  type CastReceipt,
  type EncryptedTallyView,
  type RefusalBody,
  type TrusteeMaterial,
} from '@plenum/api';
import { pedersenStep4ForBallot, secretBallotOf, secretBallots, type SecretBallot } from '@plenum/domain';
import { citeRule } from '@plenum/domain';
import type { MessageKey } from '@plenum/i18n';
import { z } from 'zod/mini';
import { notFound, parseInput, pathId } from './input.ts';
import type { ApiRoute } from './openapi.ts';
import type { ServerOptions } from './server.ts';

/** The schemas of these routes that the OpenAPI document names under components.schemas. */
export const BALLOT_COMPONENTS: Readonly<Record<string, ApiSchema>> = {
  BallotList: ballotList,
  BallotDetail: ballotDetail,
  BallotBoard: ballotBoard,
  TrusteeMaterial: trusteeMaterial,
  CastRequest: castRequest,
  CastReceipt: castReceipt,
  EncryptedTally: encryptedTallyView,
};

const BAD: readonly [string, ApiSchema] = ['Malformed request: the message names what is wrong', errorBody];
const NOT_FOUND: readonly [string, ApiSchema] = ['No such ballot', errorBody];
const ARCHIVE = z.string();

export const BALLOT_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/ballots',
    summary: 'Every secret ballot, with its stage',
    responses: { 200: ['The ballots', ballotList] },
  },
  {
    method: 'GET',
    path: '/api/ballots/:ballotId',
    summary: 'A secret ballot: questions, electorate, credentials, trustees, election, result',
    params: ['ballotId'],
    responses: { 200: ['The ballot', ballotDetail], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/ballots/:ballotId/board',
    summary: 'The public board: every accepted ballot’s tracker, in order',
    params: ['ballotId'],
    responses: { 200: ['The trackers', ballotBoard], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/ballots/:ballotId/trustees/:memberId',
    summary: 'What a trustee needs for its next step: certificates, polynomials, its shares, the tally',
    params: ['ballotId', 'memberId'],
    responses: { 200: ['The material', trusteeMaterial], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/ballots/:ballotId/tally',
    summary: 'The encrypted tally of the counted ballots (what closing the ballot records)',
    params: ['ballotId'],
    responses: { 200: ['The encrypted tally', encryptedTallyView], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/ballots/:ballotId/archive',
    summary: 'The ballot as a Belenios archive (.bel), for plenum verify election or belenios-tool',
    params: ['ballotId'],
    responses: { 200: ['The archive', ARCHIVE, 'application/x-tar'], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'POST',
    path: '/api/ballots/:ballotId/cast',
    summary: 'The ballot box: a ballot encrypted and signed by the voter’s browser',
    params: ['ballotId'],
    body: castRequest,
    responses: {
      200: ['Accepted: the tracker', castReceipt],
      400: BAD,
      404: NOT_FOUND,
      422: ['Refused, and recorded as refused, citing the rule', refusalBody],
    },
  },
];

function summary(b: SecretBallot): BallotSummary {
  return {
    id: b.id,
    bodyId: b.bodyId,
    title: b.title,
    stage: b.stage,
    group: b.group,
    electors: b.electors.length,
    cast: b.cast,
    calledOn: b.calledOn,
    openedOn: b.openedOn,
    closedOn: b.closedOn,
  };
}

function stepsOf(b: SecretBallot, memberId: string): number[] {
  const p = b.ceremony.get(memberId);
  const steps: number[] = [];
  if (p?.cert != null) steps.push(1);
  if (p?.polynomial != null) steps.push(3);
  if (p?.voutput != null) steps.push(5);
  return steps;
}

export function registerBallotRoutes(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const { plenum } = options;
  const ballotOf = async (raw: string): Promise<SecretBallot> => {
    const id = pathId(raw, 'ballotId');
    const ballot = secretBallotOf(await plenum.state(), id);
    if (ballot === undefined) throw notFound(id);
    return ballot;
  };

  app.get('/api/ballots', async (): Promise<BallotList> => {
    return { ballots: secretBallots(await plenum.state()).map(summary) };
  });

  app.get<{ Params: { ballotId: string } }>('/api/ballots/:ballotId', async (request): Promise<BallotDetail> => {
    const b = await ballotOf(request.params.ballotId);
    const owners = new Set([...b.decryptions.values()].map((d) => d.memberId));
    return {
      ballot: summary(b),
      uuid: b.uuid,
      questions: b.questions.map((q) => ({ ...q, answers: [...q.answers] })),
      electorate: {
        scope: b.electorateScope,
        congressId: b.congressId,
        electors: [...b.electors],
        hash: b.electorateHash,
      },
      credentialAuthority: b.credentialAuthority,
      credentials: { published: b.credentials.length, sealed: b.credentialsSealed },
      trustees: b.trustees.map((t) => ({
        memberId: t.memberId,
        nominatedBy: t.nominatedBy,
        steps: stepsOf(b, t.memberId),
        decrypted: owners.has(t.memberId),
      })),
      threshold: b.threshold,
      election: b.election,
      fingerprint: b.fingerprint,
      refused: b.refusedCount,
      counted: b.stage === 'closed' || b.stage === 'decrypted' ? b.counted : b.box.counted(b.cast),
      result: b.result === null ? null : b.result.map((r) => [...r]),
    };
  });

  app.get<{ Params: { ballotId: string } }>('/api/ballots/:ballotId/board', async (request): Promise<BallotBoard> => {
    const b = await ballotOf(request.params.ballotId);
    const counted = new Set(b.box.lastHashes(b.cast));
    return { ballots: b.box.hashes(b.cast).map((tracker) => ({ tracker, counted: counted.has(tracker) })) };
  });

  app.get<{ Params: { ballotId: string; memberId: string } }>(
    '/api/ballots/:ballotId/trustees/:memberId',
    async (request): Promise<TrusteeMaterial> => {
      const b = await ballotOf(request.params.ballotId);
      const memberId = pathId(request.params.memberId, 'memberId');
      if (!b.ceremony.has(memberId)) throw notFound(`trustee ${memberId}`);
      const progress = b.trustees.map((t) => b.ceremony.get(t.memberId));
      const certs = progress.map((p) => p?.cert ?? null);
      const polynomials = progress.map((p) => p?.polynomial ?? null);
      const vinput = pedersenStep4ForBallot(b, memberId);
      return {
        certs: certs.every((c) => c !== null) ? certs : [],
        polynomials: polynomials.every((p) => p !== null) ? polynomials : [],
        vinput: vinput?.ok === true ? vinput.value : null,
        encryptedTally: b.encryptedTally,
      };
    },
  );

  app.get<{ Params: { ballotId: string } }>(
    '/api/ballots/:ballotId/tally',
    async (request): Promise<EncryptedTallyView> => {
      const b = await ballotOf(request.params.ballotId);
      const tally = await plenum.encryptedTallyOf(b.id);
      if (tally === undefined) throw notFound(`tally of ${b.id}`);
      return { encryptedTally: tally, counted: b.encryptedTally === null ? b.box.counted(b.cast) : b.counted };
    },
  );

  app.get<{ Params: { ballotId: string } }>('/api/ballots/:ballotId/archive', async (request, reply) => {
    const b = await ballotOf(request.params.ballotId);
    const archive = await plenum.ballotArchive(b.id);
    if (archive === undefined) throw notFound(`archive of ${b.id}`);
    return reply
      .type('application/x-tar')
      .header('content-disposition', `attachment; filename="${b.uuid}.bel"`)
      .send(Buffer.from(archive));
  });

  app.post<{ Params: { ballotId: string } }>('/api/ballots/:ballotId/cast', async (request, reply) => {
    const id = pathId(request.params.ballotId, 'ballotId');
    const { ballot } = parseInput(castRequest, request.body);
    if (secretBallotOf(await plenum.state(), id) === undefined) throw notFound(id);
    const result = await plenum.castBallot(id, ballot);
    if (result.ok) return reply.code(200).send(result.value satisfies CastReceipt);
    const body: RefusalBody = {
      refusal: {
        rule: citeRule(result.rule),
        source: result.rule.source,
        clause: result.rule.clause,
        messageKey: result.messageKey,
        message: request.t(result.messageKey as MessageKey, result.params),
        params: { ...result.params },
      },
    };
    return reply.code(422).send(body);
  });
  return Promise.resolve();
}
