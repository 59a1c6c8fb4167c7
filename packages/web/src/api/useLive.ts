import { useEffect, useEffectEvent, useState } from 'react';
import { liveMessage, type LiveMessage } from '@plenum/api';

export type LiveStatus = 'connecting' | 'live' | 'offline';

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

/** The URL of the live WebSocket on the server that served this page. */
function liveUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/live`;
}

function parse(data: unknown): LiveMessage | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = liveMessage.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps a WebSocket open to /api/live and hands every valid message to `onMessage`.
 * A lost connection is retried with exponential backoff, from one second up to thirty.
 */
export function useLive(onMessage: (message: LiveMessage) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const deliver = useEffectEvent(onMessage);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RETRY_MS;
    let stopped = false;

    const connect = (): void => {
      socket = new WebSocket(liveUrl());
      socket.addEventListener('open', () => {
        delay = FIRST_RETRY_MS;
        setStatus('live');
      });
      socket.addEventListener('message', (event: MessageEvent<unknown>) => {
        const message = parse(event.data);
        if (message !== undefined) deliver(message);
      });
      socket.addEventListener('close', () => {
        if (stopped) return;
        setStatus('offline');
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, LAST_RETRY_MS);
      });
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, []);

  return status;
}
