import type { FastifyInstance } from 'fastify';
import { PlenumError, concatBytes, utf8 } from '@plenum/kernel';
import {
  TILE_HEIGHT,
  TILE_WIDTH,
  encodeEntryBundle,
  isTlogError,
  parseTilePath,
  storedHashIndex,
  type TileResource,
} from '@plenum/log';
import { cosignatureSubmission, type LogInfo } from '@plenum/api';
import { withCosignatures } from '@plenum/app';
import type { ServerOptions } from './server.ts';

/**
 * The public record served as a C2SP tlog-tiles log under /log/: the latest signed
 * checkpoint, hash tiles and entry bundles. Everything here is public and append-only, so a
 * full tile never changes (cached for a year) while the checkpoint and partial tiles do.
 * Paths are attacker-controlled: parseTilePath accepts only the canonical form.
 */
export function registerLogRoutes(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const { plenum } = options;
  const storage = plenum.storage;

  app.get('/log/checkpoint', async (_request, reply) => {
    const checkpoint = await plenum.latestCheckpoint();
    if (checkpoint === undefined)
      throw new PlenumError('not_found', 'no checkpoint', {
        messageKey: 'error.notFound',
        params: { what: 'checkpoint' },
      });
    const note = await withCosignatures(storage, checkpoint.note, checkpoint.size);
    return reply.header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send(note);
  });

  app.get<{ Params: { '*': string } }>('/log/tile/*', async (request, reply) => {
    const path = `tile/${request.params['*']}`;
    const resource = parse(path);
    const size = await storage.eventCount();
    const available = availableWidth(resource, size);
    if (resource.width > available) {
      throw new PlenumError('not_found', `${path} is beyond the tree size ${size}`, {
        messageKey: 'error.notFound',
        params: { what: path },
      });
    }
    const body =
      resource.kind === 'entries' ? await entryBundle(resource.index, resource.width) : await hashTile(resource);
    const full = resource.width === TILE_WIDTH;
    return reply
      .header('cache-control', full ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type('application/octet-stream')
      .send(Buffer.from(body));
  });

  app.get('/api/log', async (): Promise<LogInfo> => {
    const log = plenum.log;
    const [size, latest] = await Promise.all([storage.eventCount(), storage.latestCosignatures()]);
    const witnesses = latest.map(({ witness, size: cosigned, timestamp, recordedAt }) => ({
      witness,
      size: cosigned,
      timestamp,
      recordedAt,
    }));
    return { origin: log?.origin ?? null, verifierKey: log?.verifierKey ?? null, size, witnesses };
  });

  // A witness hands back a checkpoint it verified and cosigned (see `plenum witness`).
  app.post('/log/cosignature', async (request, reply) => {
    const parsed = cosignatureSubmission.safeParse(request.body); // attacker-controlled
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      throw new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
    }
    const stored = await plenum.acceptCosignature(parsed.data);
    return reply.code(201).send({ size: stored.size, timestamp: stored.timestamp });
  });

  async function hashTile(tile: { level: number; index: number; width: number }): Promise<Uint8Array> {
    const indexes = Array.from({ length: tile.width }, (_, i) =>
      storedHashIndex(tile.level * TILE_HEIGHT, tile.index * TILE_WIDTH + i),
    );
    return concatBytes(...(await storage.readStoredHashes(indexes)));
  }

  async function entryBundle(index: number, width: number): Promise<Uint8Array> {
    const events = await storage.readEvents(index * TILE_WIDTH, width);
    return encodeEntryBundle(events.map((event) => utf8(event.payload)));
  }

  return Promise.resolve();
}

function parse(path: string): TileResource {
  try {
    return parseTilePath(path);
  } catch (error) {
    const detail = isTlogError(error) || error instanceof Error ? error.message : 'not a tile path';
    throw new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
  }
}

/** How many hashes (or entries) of this tile exist at tree size `size`. */
function availableWidth(resource: TileResource, size: number): number {
  const level = resource.kind === 'entries' ? 0 : resource.level;
  const span = 2 ** (level * TILE_HEIGHT);
  const hashes = Math.floor(size / span);
  return Math.max(0, Math.min(TILE_WIDTH, hashes - resource.index * TILE_WIDTH));
}
