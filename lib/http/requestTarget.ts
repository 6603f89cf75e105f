import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from './loopback';

export interface TargetProblem {
  status: number;
  error: string;
  detail: string;
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

/**
 * Checks a request before Next.js sees it. While the dashboard listens on loopback, the Host header
 * must name this machine: a page on another site whose DNS name was rebound to 127.0.0.1 would
 * otherwise count as same-origin and could read and change the cluster. And the path's
 * percent-encoding must be valid (Next.js answers a broken one with a 500).
 */
export function requestTargetProblem(req: IncomingMessage, listenHost: string): TargetProblem | undefined {
  if (isLoopbackHost(listenHost)) {
    const hostname = hostnameOf(req.headers.host ?? '');
    if (!hostname || !isLoopbackHost(hostname)) {
      return { status: 403, error: 'Host not allowed', detail: `The dashboard listens on ${listenHost} and answers only requests addressed to this machine (127.0.0.1, localhost or [::1]), not to "${(req.headers.host ?? '').slice(0, 100)}".` };
    }
  }
  const pathname = (req.url ?? '/').split('?')[0];
  try {
    decodeURIComponent(pathname);
  } catch {
    return { status: 400, error: 'Invalid URL', detail: 'The request path has a broken percent-encoding.' };
  }
  return undefined;
}
