import type { FastifyInstance } from 'fastify';
import { MAX_LIVE_EVENTS, type LiveMessage } from '@plenum/api';
import type { ServerOptions } from './server.ts';

/**
 * /api/live: a WebSocket on which the server tells browsers that the record has grown, or
 * that a witness has cosigned it. It carries the new events themselves (the record is public:
 * nothing a client could not fetch anyway), so that the floor of a congress follows live.
 * Messages from clients are ignored.
 */
export function registerLive(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const { plenum, version } = options;
  app.get('/api/live', { websocket: true }, (socket) => {
    const send = (message: LiveMessage): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const unsubscribe = plenum.subscribe((events) => {
      const last = events.at(-1);
      if (last === undefined) return;
      const items =
        events.length > MAX_LIVE_EVENTS
          ? []
          : events.map((e) => ({ seq: e.seq, type: e.type, recordedAt: e.recordedAt, payload: e.payload }));
      send({ type: 'events', lastSeq: last.seq, count: events.length, items });
    });
    const unsubscribeCosignatures = plenum.subscribeCosignatures(({ size, witness }) => {
      send({ type: 'cosigned', size, witness });
    });
    socket.on('close', () => {
      unsubscribe();
      unsubscribeCosignatures();
    });
    plenum.storage.eventCount().then(
      (events) => send({ type: 'hello', version, events }),
      (error: unknown) => {
        app.log.error({ err: error }, 'live: cannot read the record');
        socket.close(1011);
      },
    );
  });
  return Promise.resolve();
}
