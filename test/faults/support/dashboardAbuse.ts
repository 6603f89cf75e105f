import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RawRequest } from './rawHttp';

/**
 * Malformed requests for every route under app/api, each with exactly one thing wrong and everything
 * else valid (the right token, same origin, a body that would do something real): bad names and
 * path traversal in path parameters and query strings, wrong methods, missing and forged tokens,
 * cross-origin and DNS-rebinding mutations, bad JSON, wrong types, huge numbers, huge bodies, and
 * malformed HTTP. A route that acts on any of them changes the cluster, which the test's checksum sees.
 */
export interface DashboardRoute {
  /** e.g. /api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/scale */
  template: string;
  methods: string[];
}

export interface AbuseCase extends RawRequest {
  route: string;
  label: string;
}

/** Routes that answer without the token on purpose: a load balancer's health check has none. */
const openRoutes = new Set(['/api/health']);

const appDir = path.resolve(__dirname, '..', '..', '..', 'app');

export function dashboardRoutes(): DashboardRoute[] {
  const routes: DashboardRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === 'route.ts') {
        const source = readFileSync(full, 'utf8');
        const methods = [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]);
        routes.push({ template: `/${path.relative(appDir, dir).split(path.sep).join('/')}`, methods });
      }
    }
  };
  walk(path.join(appDir, 'api'));
  return routes.sort((a, b) => a.template.localeCompare(b.template));
}

/** Valid values of the demo cluster for each path parameter. */
const validParams: Record<string, string> = {
  context: 'sandbox',
  namespace: 'default',
  name: 'python-python-app',
  pod: 'python-python-app-0',
  service: 'python-python-app',
};

/** Bodies that would really change something, per mutation route (by its last path segment). */
const validBodies: Record<string, unknown> = {
  scale: { replicas: 1 },
  image: { container: 'python-app', image: 'visits-app:2.0' },
  'update-strategy': { type: 'OnDelete' },
  rollback: { revision: 1 },
  'pod-management-policy': { policy: 'Parallel' },
  restart: {},
  traffic: { requests: 1, concurrency: 1 },
};

/** Bodies with a wrong field type or value for each mutation route. */
const wrongBodies: Record<string, unknown[]> = {
  scale: [{ replicas: '3' }, { replicas: -1 }, { replicas: 2.5 }, { replicas: 1e308 }, { replicas: 2 ** 53 }, { replicas: 100000 }, { replicas: null }, { replicas: [1] }, { replicas: { $gt: 1 } }, { replicas: 1, extra: true }],
  image: [{ container: 'python-app', image: 'visits-app:2.0; rm -rf /' }, { container: 'python-app', image: '$(reboot)' }, { container: 'python-app', image: 'a'.repeat(600) }, { container: '../python-app', image: 'visits-app:2.0' }, { container: 'python-app', image: 7 }, { container: 'python-app' }, { container: 'python-app', image: 'visits-app:2.0', partition: -1 }, { container: 'python-app', image: 'visits-app:2.0', partition: 1e9 }, { container: 'python-app', image: 'visits-app\n:2.0' }],
  'update-strategy': [{ type: 'Recreate' }, { type: 'OnDelete', partition: 1 }, { type: 'RollingUpdate', partition: '1' }, { type: 'RollingUpdate', partition: 1e12 }, { type: 1 }],
  rollback: [{ revision: 0 }, { revision: -3 }, { revision: '../../secrets' }, { revision: 2 ** 60 }, { revision: true }, {}],
  'pod-management-policy': [{ policy: 'parallel' }, { policy: 'Parallel', generation: -1 }, { policy: 'Parallel', resourceVersion: 'x'.repeat(100) }, { policy: ['Parallel'] }, {}],
  restart: [{ now: true }, { annotations: { 'kubectl.kubernetes.io/restartedAt': 'x' } }],
  traffic: [{ requests: 0, concurrency: 1 }, { requests: 1e9, concurrency: 1 }, { requests: 1, concurrency: 1000 }, { requests: 1, concurrency: 1, path: '/../../etc/passwd' }, { requests: 1, concurrency: 1, path: 'http://evil.example/' }, { requests: 1, concurrency: 1, path: '/\r\nHost: evil' }, { requests: 1, concurrency: 1, ratePerSecond: -1 }, { requests: '1', concurrency: 1 }],
};

const badJson = ['{', '{"replicas":', 'undefined', '\u0000', '{"a":1}}', "{'single':'quotes'}", 'NaN', '[]', 'null', '"text"', '{"__proto__":{"polluted":true}}'];

// Bare `..` segments are left out: URL normalisation resolves them (a 308 to the parent path) before any route runs.
const badNames = ['..%2F..%2Fetc%2Fpasswd', '%2E%2E%2F', '..%5C..%5Cwindows', '%2F', '%00', 'UPPER', 'x%20y', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '-leading', 'trailing-', 'semi%3Bcolon', '%E2%98%83', 'under_score', '.hidden', 'a'.repeat(300), '%24(reboot)', '%60id%60'];

/** Deterministic pseudo-random numbers (mulberry32), so a failure names a case that can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fill(template: string, overrides: Record<string, string> = {}): string {
  return template.replace(/\[(\w+)\]/g, (_, name: string) => overrides[name] ?? validParams[name] ?? 'x');
}

function randomJunk(next: () => number): string {
  const alphabet = '{}[]":,0123456789abcdefnulltrue-.\\eE+ \t\n\u0000\u00ff\u2028';
  return Array.from({ length: 1 + Math.floor(next() * 64) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

function randomBadName(next: () => number): string {
  const alphabet = 'ABCXYZ_.~!*()%20%2F%2E%00%0A';
  const name = Array.from({ length: 1 + Math.floor(next() * 20) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  // Keep it invalid as a DNS-1123 name (an upper-case letter can never be part of one), and end it
  // with a letter so that no trailing slash or dot makes it a different URL.
  return `Q${name}Q`;
}

/** Every case for one route (before sampling), given the dashboard's port and token. */
export function casesFor(route: DashboardRoute, port: number, token: string, next: () => number): AbuseCase[] {
  const cases: AbuseCase[] = [];
  const auth = { Authorization: `Bearer ${token}` };
  const sameOrigin = { Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/json' };
  const action = route.template.split('/').pop() ?? '';
  const validBody = JSON.stringify(validBodies[action] ?? {});
  const params = [...route.template.matchAll(/\[(\w+)\]/g)].map((match) => match[1]);
  const add = (label: string, request: RawRequest) => cases.push({ route: route.template, label, ...request });

  for (const method of route.methods) {
    const mutation = method !== 'GET';
    const headers = mutation ? { ...auth, ...sameOrigin } : auth;
    const body = method === 'POST' ? validBody : undefined;
    // Path parameters: bad names, traversal, and random junk, one parameter at a time.
    for (const param of params) {
      for (const bad of [...badNames, randomBadName(next), randomBadName(next)]) {
        add(`${method} with ${param}=${bad.slice(0, 40)}`, { method, path: fill(route.template, { [param]: bad }), headers, body });
      }
      if (param === 'context') add(`${method} with an unknown context`, { method, path: fill(route.template, { context: 'no-such-context' }), headers, body });
    }
    // Tokens: missing, forged, wrong scheme, forged session cookie, token in the query string (the health check is open by design).
    if (!openRoutes.has(route.template)) {
      add(`${method} without a token`, { method, path: fill(route.template), headers: mutation ? sameOrigin : {}, body });
      add(`${method} with a forged token`, { method, path: fill(route.template), headers: { ...(mutation ? sameOrigin : {}), Authorization: `Bearer ${token.slice(0, -4)}abcd` }, body });
      add(`${method} with a Basic credential`, { method, path: fill(route.template), headers: { ...(mutation ? sameOrigin : {}), Authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` }, body });
      add(`${method} with a forged session cookie`, { method, path: fill(route.template), headers: { ...(mutation ? sameOrigin : {}), Cookie: 'sts_explorer_session=forged' }, body });
      add(`${method} with the token in the query`, { method, path: `${fill(route.template)}?token=${token}`, headers: mutation ? sameOrigin : {}, body });
    }
    if (mutation) {
      // Cross-origin mutations, a DNS-rebinding Host, and a body a plain HTML form could send.
      const crossOrigin: Array<[string, Record<string, string>]> = [
        ['from another site', { ...auth, Origin: 'http://evil.example', 'Content-Type': 'application/json' }],
        ['from another port', { ...auth, Origin: `http://127.0.0.1:${port + 1}`, 'Content-Type': 'application/json' }],
        ['from an opaque origin', { ...auth, Origin: 'null', 'Content-Type': 'application/json' }],
        ['without Origin or Sec-Fetch-Site', { ...auth, 'Content-Type': 'application/json' }],
        ['marked Sec-Fetch-Site cross-site', { ...auth, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' }],
        ['from a rebound DNS name', { ...auth, Host: `evil.example:${port}`, Origin: `http://evil.example:${port}`, 'Content-Type': 'application/json' }],
        ['as a form post', { ...auth, Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }],
      ];
      // A body in a type a plain HTML form can send (DELETE carries no body, so only POST).
      if (method === 'POST') crossOrigin.push(['as text/plain', { ...auth, ...sameOrigin, 'Content-Type': 'text/plain' }]);
      for (const [label, crossHeaders] of crossOrigin) add(`${method} ${label}`, { method, path: fill(route.template), headers: crossHeaders, body });
    }
    if (method === 'POST') {
      for (const text of [...badJson, randomJunk(next), randomJunk(next)]) {
        // Valid JSON that is not an object is still wrong for every body; `{}` alone is valid for restart.
        add(`POST with body ${JSON.stringify(text.slice(0, 30))}`, { method, path: fill(route.template), headers, body: text });
      }
      for (const wrong of wrongBodies[action] ?? []) add(`POST with ${JSON.stringify(wrong).slice(0, 60)}`, { method, path: fill(route.template), headers, body: JSON.stringify(wrong) });
      add('POST with a 100 KiB body', { method, path: fill(route.template), headers, body: JSON.stringify({ ...(validBodies[action] as object), padding: 'x'.repeat(100 * 1024) }) });
      // Written on a raw socket: the server answers 413 and hangs up while the body is still being sent.
      const huge = ' '.repeat(5 * 1024 * 1024);
      const head = [`POST ${fill(route.template)} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), `Content-Length: ${huge.length}`, 'Connection: close'];
      add('POST with a 5 MiB body', { method, path: fill(route.template), raw: `${head.join('\r\n')}\r\n\r\n${huge}` });
          }
    // Query strings: traversal in file paths and out-of-range numbers where a route reads a query.
    if (route.template.endsWith('/logs')) {
      for (const query of ['tailLines=-1', 'tailLines=1e30', 'tailLines=abc', 'container=..%2F..%2Fetc%2Fpasswd', 'container=%00', 'container=PYTHON', 'follow=maybe', 'previous=2']) add(`GET logs?${query}`, { method, path: `${fill(route.template)}?${query}`, headers: auth });
    }
    if (route.template.endsWith('/visits')) {
      for (const query of ['path=..%2F..%2F..%2Fetc%2Fpasswd', 'path=%2Fetc%2Fshadow', 'path=data%2F..%2F..%2F..%2Froot', 'path=%00', 'path=data%2Fvisits.txt%3Brm%20-rf%20%2F', `path=${'a/'.repeat(600)}`]) add(`GET visits?${query}`, { method, path: `${fill(route.template)}?${query}`, headers: auth });
    }
  }
  // Methods the route does not have.
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((candidate) => !route.methods.includes(candidate))) {
    add(`${method} (not a method of this route)`, { method, path: fill(route.template), headers: { ...auth, ...sameOrigin }, body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(validBodies[action] ?? {}) });
  }
  return cases;
}

/** Malformed HTTP against one route: the server must refuse it before any handler runs. */
export function malformedHttp(port: number, token: string, routePath: string): AbuseCase[] {
  const host = `127.0.0.1:${port}`;
  const route = 'HTTP framing';
  const lines = (...parts: string[]) => `${parts.join('\r\n')}\r\n\r\n`;
  return [
    { route, label: 'a bare CR in a header value', method: 'GET', path: routePath, raw: lines(`GET ${routePath} HTTP/1.1`, `Host: ${host}`, `Authorization: Bearer ${token}`, 'X-Injected: a\rSet-Cookie: evil=1', 'Connection: close') },
    { route, label: 'a header split by LF only', method: 'GET', path: routePath, raw: `GET ${routePath} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token}\nX-Evil: 1\r\nConnection: close\r\n\r\n` },
    { route, label: 'two different Content-Length headers', method: 'POST', path: routePath, raw: lines(`POST ${routePath} HTTP/1.1`, `Host: ${host}`, `Authorization: Bearer ${token}`, 'Content-Type: application/json', 'Content-Length: 2', 'Content-Length: 20', 'Connection: close') + '{}' },
    { route, label: 'Content-Length with Transfer-Encoding (smuggling)', method: 'POST', path: routePath, raw: lines(`POST ${routePath} HTTP/1.1`, `Host: ${host}`, `Authorization: Bearer ${token}`, 'Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked', 'Connection: close') + '0\r\n\r\n' },
    { route, label: 'no Host header on HTTP/1.1', method: 'GET', path: routePath, raw: lines(`GET ${routePath} HTTP/1.1`, `Authorization: Bearer ${token}`, 'Connection: close') },
    { route, label: 'a 64 KiB header', method: 'GET', path: routePath, raw: lines(`GET ${routePath} HTTP/1.1`, `Host: ${host}`, `Authorization: Bearer ${token}`, `X-Huge: ${'a'.repeat(64 * 1024)}`, 'Connection: close') },
    { route, label: 'a request line with spaces in the path', method: 'GET', path: routePath, raw: lines(`GET ${routePath} /etc/passwd HTTP/1.1`, `Host: ${host}`, 'Connection: close') },
    { route, label: 'an unknown HTTP version', method: 'GET', path: routePath, raw: lines(`GET ${routePath} HTTP/9.9`, `Host: ${host}`, 'Connection: close') },
  ];
}

/** `count` cases: a random subset when there are more distinct ones, else every one and then random repeats. */
export function sampleCases(all: AbuseCase[], count: number, next: () => number): AbuseCase[] {
  const shuffled = [...all];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
  }
  if (shuffled.length >= count) return shuffled.slice(0, count);
  while (shuffled.length < count) shuffled.push(all[Math.floor(next() * all.length)]);
  return shuffled;
}
