import type { FastifyInstance } from 'fastify';
import { PlenumError, isId } from '@plenum/kernel';
import type { Health, MemberList, Overview } from '@plenum/api';
import type { ServerOptions } from './server.ts';

/**
 * The JSON API. Each route reads as a pipeline: validate the input (attacker-controlled),
 * ask the use case, present the answer in the shape @plenum/api describes.
 */
export function registerApi(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const { plenum, version } = options;
  const storage = plenum.storage;

  app.get('/api/health', async (): Promise<Health> => {
    const [schemaVersion, events] = await Promise.all([storage.schemaVersion(), storage.eventCount()]);
    return { status: 'ok', version, storage: storage.location.split(':')[0] ?? 'unknown', schemaVersion, events };
  });

  app.get('/api/overview', async (): Promise<Overview> => {
    const overview = await storage.overview();
    return { ...overview, units: [...overview.units], bodies: [...overview.bodies] };
  });

  app.get<{ Params: { unitId: string } }>('/api/units/:unitId/members', async (request): Promise<MemberList> => {
    const unitId = request.params.unitId; // attacker-controlled
    if (!isId(unitId)) {
      throw new PlenumError('invalid_input', 'bad unit id', {
        messageKey: 'error.invalidId',
        params: { label: 'unitId' },
      });
    }
    if ((await storage.findUnit(unitId)) === undefined) {
      throw new PlenumError('not_found', `unit ${unitId}`, { messageKey: 'error.notFound', params: { what: unitId } });
    }
    return { unitId, members: [...(await storage.listMembers(unitId))] };
  });

  app.get<{ Querystring: { after?: string; limit?: string } }>('/api/events', async (request) => {
    const after = parseCount(request.query.after, 0, 'after');
    const limit = Math.min(parseCount(request.query.limit, 100, 'limit'), 1000);
    return { events: await storage.readEvents(after, limit) };
  });

  return Promise.resolve();
}

/** A non-negative integer from a query string, or a clear invalid_input naming the parameter. */
function parseCount(raw: string | undefined, fallback: number, label: string): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,15}$/.test(raw)) {
    throw new PlenumError('invalid_input', `${label} must be a whole number`, {
      messageKey: 'error.invalidInput',
      params: { detail: `${label} must be a whole number ≥ 0` },
    });
  }
  return Number(raw);
}
