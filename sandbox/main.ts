/**
 * The embedded sandbox cluster: one process with an API server, its store and (from issue 4) the
 * controllers, kubelet and Service proxy. `npm run sandbox` runs it alone; the dashboard's server.ts
 * runs it as a child process and waits for the IPC 'ready' message.
 *
 * Foundation version: answers /version, /api, /apis and /healthz behind a bearer token.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import https from 'node:https';
import type http from 'node:http';
import { loadOrCreateCertificates } from './apiserver/authn/certificates';
import path from 'node:path';

const dataDir = path.resolve(process.env.SANDBOX_DIR ?? '.sandbox');
const port = Number(process.env.SANDBOX_PORT ?? 6443);
const host = '127.0.0.1';

mkdirSync(dataDir, { recursive: true });

interface Tokens {
  admin: string;
  viewer: string;
}

function loadTokens(): Tokens {
  const file = path.join(dataDir, 'tokens.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Tokens;
  const tokens = { admin: randomBytes(24).toString('hex'), viewer: randomBytes(24).toString('hex') };
  writeFileSync(file, JSON.stringify(tokens), { mode: 0o600 });
  return tokens;
}

const tokens = loadTokens();
const pki = loadOrCreateCertificates(dataDir);

function writeKubeconfig(server: string): string {
  const file = path.join(dataDir, 'kubeconfig');
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: sandbox',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(pki.caPem).toString('base64')}`,
    'users:',
    '- name: admin',
    '  user:',
    `    token: ${tokens.admin}`,
    '- name: viewer',
    '  user:',
    `    token: ${tokens.viewer}`,
    'contexts:',
    '- name: sandbox',
    '  context:',
    '    cluster: sandbox',
    '    user: admin',
    '    namespace: default',
    '- name: sandbox-viewer',
    '  context:',
    '    cluster: sandbox',
    '    user: viewer',
    '    namespace: default',
    'current-context: sandbox',
    'preferences: {}',
    '',
  ].join('\n');
  writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return file;
}

const version = {
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

function send(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

const server = https.createServer({ cert: pki.certPem + pki.caPem, key: pki.keyPem }, (req, res) => {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (token !== tokens.admin && token !== tokens.viewer) return send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
  switch (url.pathname) {
    case '/version':
      return send(res, 200, version);
    case '/healthz':
    case '/livez':
    case '/readyz':
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('ok');
    case '/api':
      return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${host}:${port}` }] });
    case '/apis':
      return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    default:
      return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  }
});

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `https://${host}:${actualPort}`;
  const kubeconfig = writeKubeconfig(url);
  console.log(`sandbox API server listening on ${url}`);
  console.log(`kubeconfig: ${kubeconfig}`);
  console.log(`try: kubectl --kubeconfig ${kubeconfig} get po,sts,svc,pvc`);
  process.send?.({ type: 'ready', kubeconfig, server: url });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
