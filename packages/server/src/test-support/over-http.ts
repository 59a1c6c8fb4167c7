import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { prepared, submitted, type GovernanceCommandInput } from '@plenum/api';
import { demoActorSecret } from '@plenum/demo';
import type { Actor } from '@plenum/domain';
import { fromBase64, toBase64 } from '@plenum/kernel';
import { nobleEd25519 } from '@plenum/record';

/** Prepare, sign with the actor's own demo secret, submit: the protocol as a client runs it. */
export async function overHttp(app: FastifyInstance, actor: Actor, command: GovernanceCommandInput): Promise<void> {
  const secret = demoActorSecret(actor);
  const who = {
    actor: actor.kind === 'founders' || actor.kind === 'voter' ? actor.kind : `${actor.kind}:${actor.id}`,
    key: toBase64(nobleEd25519.publicKey(secret)),
  };
  const prep = await app.inject({ method: 'POST', url: '/api/commands/prepare', payload: { ...who, command } });
  expect(prep.statusCode, prep.body).toBe(200);
  const { events, messages } = prepared.parse(prep.json());
  const signatures = messages.map((m) => toBase64(nobleEd25519.sign(fromBase64(m), secret)));
  const response = await app.inject({
    method: 'POST',
    url: '/api/commands',
    payload: { ...who, command, events, signatures },
  });
  expect(response.statusCode, response.body).toBe(201);
  submitted.parse(response.json());
}
