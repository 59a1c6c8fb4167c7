import type { FastifyInstance, FastifyReply } from 'fastify';
import { PlenumError, toBase64, type Refusal } from '@plenum/kernel';
import type { MessageKey, Translate } from '@plenum/i18n';
import {
  prepareRequest,
  submitRequest,
  type GovernanceCommandInput,
  type Prepared,
  type RefusalBody,
  type Submitted,
} from '@plenum/api';
import { isKeyRefusal, parseGovActor } from '@plenum/app';
import { citeRule, type GovActor, type GovernanceCommand, type GovernanceCommandType } from '@plenum/domain';
import { parseInput } from './input.ts';
import type { ServerOptions } from './server.ts';

/**
 * Governance commands over HTTP, in two steps, so that the server never signs for anyone
 * (its operator is not trusted with the organisation): prepare → the events the rules decide
 * and the bytes to sign; the actor signs them with its own key, wherever that key lives;
 * submit → decided again and appended with those signatures. docs/api.md tells the protocol.
 */
export function registerCommandRoutes(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const { plenum } = options;

  app.post('/api/commands/prepare', async (request, reply) => {
    const input = parseInput(prepareRequest, request.body);
    const result = await plenum.prepareCommand(govActor(input.actor), input.key, commandOf(input.command));
    if (!result.ok) return sendRefusal(reply, request.t, result);
    const body: Prepared = {
      events: result.value.events.map((event) => ({ ...event })),
      messages: result.value.messages.map(toBase64),
    };
    return body;
  });

  app.post('/api/commands', async (request, reply) => {
    const input = parseInput(submitRequest, request.body);
    const result = await plenum.submitCommand(
      govActor(input.actor),
      input.key,
      commandOf(input.command),
      input.events,
      input.signatures,
    );
    if (!result.ok) return sendRefusal(reply, request.t, result);
    const body: Submitted = {
      events: result.value.map(({ seq, type, recordedAt }) => ({ seq, type, recordedAt })),
      size: result.value.at(-1)?.seq ?? 0,
    };
    return reply.code(201).send(body);
  });

  return Promise.resolve();
}

/**
 * A refusal, cited and translated: 403 when it is about the key the actor signs with (the
 * actor is not who it claims to be, as far as the record knows), 422 when the rules refuse the act.
 */
function sendRefusal(reply: FastifyReply, t: Translate, refusal: Refusal): FastifyReply {
  const body: RefusalBody = {
    refusal: {
      rule: citeRule(refusal.rule),
      source: refusal.rule.source,
      clause: refusal.rule.clause,
      messageKey: refusal.messageKey,
      message: t(refusal.messageKey as MessageKey, refusal.params),
      params: { ...refusal.params },
    },
  };
  return reply.code(isKeyRefusal(refusal) ? 403 : 422).send(body);
}

function govActor(text: string): GovActor {
  const actor = parseGovActor(text);
  if (actor === undefined) {
    // The schema admits only well-formed actors: this is a second line, not the first.
    const detail = 'actor: member:<id>, body:<id>, applicant:<id> or founders';
    throw new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
  }
  return actor;
}

/** The schema's command is the rules' command: checked by the compiler, both ways, here. */
function commandOf(input: GovernanceCommandInput): GovernanceCommand {
  return input;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Every command type of the rules engine has a schema, and no schema names another (else this fails to compile). */
export type EveryCommandHasASchema = Assert<Same<GovernanceCommandType, GovernanceCommandInput['type']>>;
