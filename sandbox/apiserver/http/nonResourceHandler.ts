import type http from 'node:http';
import { pathNotFound } from '../apiError';
import { acceptsAggregatedDiscovery, aggregatedDiscovery, aggregatedDiscoveryContentType, apiGroup, apiGroupList, apiResourceList, apiVersions } from '../discovery';
import type { ApiContext } from './apiContext';
import { sendJson, sendText } from './respond';
import { serveOpenApi } from '../openapi/handler';

/** /version, health checks, discovery and OpenAPI: the paths that are not resources. */
export const serverVersion = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.24.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function sendAggregated(res: http.ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': aggregatedDiscoveryContentType, 'Content-Length': Buffer.byteLength(text), Vary: 'Accept' });
  res.end(text);
}

export function serveNonResource(ctx: ApiContext, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const accept = req.headers.accept;
  if (['/healthz', '/livez', '/readyz'].includes(path) || /^\/(healthz|livez|readyz)\/[a-z-]+$/.test(path)) {
    if (url.searchParams.has('verbose')) return sendText(res, 200, `[+]ping ok\n[+]etcd ok\n${path.slice(1)} check passed\n`);
    return sendText(res, 200, 'ok');
  }
  if (path === '/version') return sendJson(res, 200, serverVersion);
  if (path === '/api') return acceptsAggregatedDiscovery(accept) ? sendAggregated(res, aggregatedDiscovery('/api')) : sendJson(res, 200, apiVersions(ctx.serverAddress()));
  if (path === '/apis') return acceptsAggregatedDiscovery(accept) ? sendAggregated(res, aggregatedDiscovery('/apis')) : sendJson(res, 200, apiGroupList());
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts.length === 2) {
    const list = apiResourceList('', parts[1]);
    if (list) return sendJson(res, 200, list);
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    const group = apiGroup(parts[1]);
    if (group) return sendJson(res, 200, group);
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    const list = apiResourceList(parts[1], parts[2]);
    if (list) return sendJson(res, 200, list);
  }
  if (parts[0] === 'openapi' && serveOpenApi(path, accept, res)) return;
  throw pathNotFound();
}
