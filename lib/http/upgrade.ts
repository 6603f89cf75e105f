import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * WebSocket upgrades the dashboard serves itself (Next.js route handlers cannot take them).
 * Returns true when the request was taken.
 */
export type UpgradeRoute = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

const routes: UpgradeRoute[] = [];

export function registerUpgradeRoute(route: UpgradeRoute): void {
  routes.push(route);
}

export function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
  return routes.some((route) => route(req, socket, head));
}
