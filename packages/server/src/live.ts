import type { FastifyInstance } from 'fastify';
import type { LiveMessage } from '@plenum/api';
import type { ServerOptions } from './server.ts';

/**
 * /api/live: a WebSocket on which the server tells browsers that the record has grown, or
 * that a witness has cosigned it, so that they refetch what they show. It carries no data a client could not fetch anyway.
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
      if (last !== undefined) send({ type: 'events', lastSeq: last.seq, count: events.length });
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
