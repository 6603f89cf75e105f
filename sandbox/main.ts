/**
 * The embedded sandbox cluster: one process with an API server, its store, and the controllers,
 * kubelet, scheduler and Service proxy talking to it in-process. `npm run sandbox` runs it alone;
 * the dashboard's server.ts runs it as a child process and waits for the IPC 'ready' message.
 *
 * Start order: store -> API (registry, garbage collector, first-start seeds) -> kubelet, scheduler,
 * controllers, proxy -> listen -> kubeconfig -> ready. SIGTERM stops it in the reverse order.
 *
 * Environment: SANDBOX_DIR (default .sandbox), SANDBOX_PORT (default 6443, 0 = any free port),
 * SANDBOX_SPEED (delay multiplier, default 1), SANDBOX_COMPONENTS (comma list of kubelet, scheduler,
 * controllers, proxy; default all; "none" = the API server alone), SANDBOX_WATCH_HISTORY (changes
 * kept for watch resumption, default 10000).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadOrCreateCertificates } from './apiserver/authn/certificates';
import { bearerTokenChain, createServiceAccountAuthenticator } from './apiserver/authn/serviceAccountAuthenticator';
import { loadOrCreateSigningKey } from './apiserver/authn/serviceAccountTokens';
import { createTokenAuthenticator, loadOrCreateTokens, type Tokens } from './apiserver/authn/tokenAuthenticator';
import { RbacAuthorizer } from './apiserver/authz/rbacAuthorizer';
import { loadDemoManifests } from './apiserver/bootstrap/demoManifests';
import { createSystemObjects } from './apiserver/bootstrap/systemObjects';
import { createApiServer } from './apiserver/http/apiServer';
import { Registry } from './apiserver/registry/genericRegistry';
import { watchNamespaceDeletion } from './apiserver/registry/namespaceLifecycle';
import { defaultCatalog } from './apiserver/registry/strategyCatalog';
import type { RunningComponent, SandboxContext } from './context';
import { createEventRecorder } from './controllers/events/eventRecorder';
import { startGarbageCollector } from './controllers/garbagecollector';
import type { ContainerRuntime } from './kubelet/runtimeInterface';
import { ObjectStore } from './store/objectStore';

const dataDir = path.resolve(process.env.SANDBOX_DIR ?? '.sandbox');
const port = Number(process.env.SANDBOX_PORT ?? 6443);
const speed = Number(process.env.SANDBOX_SPEED ?? 1) || 1;
const host = '127.0.0.1';
const rootDir = path.resolve(__dirname, '..');
const componentNames = (process.env.SANDBOX_COMPONENTS ?? 'kubelet,scheduler,controllers,proxy').split(',').map((name) => name.trim());

function log(component: string, message: string): void {
  console.log(`[${component}] ${message}`);
}

function writeKubeconfig(server: string, caPem: string, tokens: Tokens): string {
  const file = path.join(dataDir, 'kubeconfig');
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: sandbox',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}`,
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

/** Starts one in-process component; a component that fails to start is logged, the cluster goes on. */
async function startComponent(name: string, start: () => Promise<RunningComponent>, running: Array<[string, RunningComponent]>): Promise<RunningComponent | undefined> {
  if (!componentNames.includes(name)) return undefined;
  try {
    const component = await start();
    running.push([name, component]);
    return component;
  } catch (error) {
    log('sandbox', `${name} did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const tokens = loadOrCreateTokens(dataDir);
  const pki = loadOrCreateCertificates(dataDir);
  const serviceAccountKey = loadOrCreateSigningKey(dataDir);

  const store = await ObjectStore.open(path.join(dataDir, 'store'), { historySize: Number(process.env.SANDBOX_WATCH_HISTORY ?? 10_000) || 10_000 });
  const firstStart = store.currentRevision === 0;
  const registry = new Registry(store, defaultCatalog());
  const running: Array<[string, RunningComponent]> = [];
  running.push(['garbage collector', startGarbageCollector(registry)]);
  const stopNamespaceDeletion = watchNamespaceDeletion(registry, { pollMs: Math.max(50, 1000 * speed) });
  if (firstStart) {
    await createSystemObjects(registry, (message) => log('apiserver', message));
    const created = await loadDemoManifests(registry, rootDir, (message) => log('apiserver', message));
    if (created) log('apiserver', `created ${created} objects from manifests/demo`);
  }

  const ctx: SandboxContext = {
    client: registry,
    dataDir,
    rootDir,
    speed,
    recordEvent: createEventRecorder(registry, (message) => log('events', message)),
    log,
  };

  // Filled once the kubelet runs; the API server asks for it per request (exec, logs, proxy).
  const kubeletRuntime: { current?: ContainerRuntime } = {};
  let actualPort = port;
  // The sandbox users' static tokens first, then ServiceAccount tokens from the TokenRequest API.
  const staticTokens = createTokenAuthenticator(tokens);
  const authenticator = bearerTokenChain((token) => staticTokens(`Bearer ${token}`), createServiceAccountAuthenticator(serviceAccountKey, registry));
  const server = createApiServer(
    {
      registry,
      authorizer: new RbacAuthorizer(store),
      runtime: () => kubeletRuntime.current,
      bookmarkIntervalMs: 60_000,
      serverAddress: () => `${host}:${actualPort}`,
      serviceAccountSigningKey: serviceAccountKey,
      log: (message) => log('apiserver', message),
    },
    { tls: { cert: pki.certPem + pki.caPem, key: pki.keyPem }, authenticate: authenticator },
  );

  const kubelet = await startComponent(
    'kubelet',
    async () => {
      const { startKubelet } = await import('./kubelet/index');
      return startKubelet(ctx);
    },
    running,
  );
  kubeletRuntime.current = (kubelet as (RunningComponent & { runtime?: ContainerRuntime }) | undefined)?.runtime;
  // The Service proxy asks the runtime where a pod's port really listens (its own IP, or a mapped port).
  ctx.resolvePodPort = (namespace, pod, podPort) => kubeletRuntime.current?.resolvePodPort(namespace, pod, podPort);
  ctx.connectionHandlerFor = (namespace, pod, podPort) => kubeletRuntime.current?.connectionHandlerFor?.(namespace, pod, podPort);
  await startComponent('scheduler', async () => (await import('./scheduler/index')).startScheduler(ctx), running);
  await startComponent('controllers', async () => (await import('./controllers/index')).startControllers(ctx), running);
  await startComponent('proxy', async () => (await import('./proxy/index')).startServiceProxy(ctx), running);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `https://${host}:${actualPort}`;
  const kubeconfig = writeKubeconfig(url, pki.caPem, tokens);
  console.log(`sandbox API server listening on ${url}`);
  console.log(`kubeconfig: ${kubeconfig}`);
  console.log(`try: kubectl --kubeconfig ${kubeconfig} get po,sts,svc,pvc`);
  process.send?.({ type: 'ready', kubeconfig, server: url });

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    stopNamespaceDeletion();
    for (const [name, component] of running.reverse()) {
      try {
        await component.stop();
      } catch (error) {
        log('sandbox', `${name} did not stop cleanly: ${String(error)}`);
      }
    }
    await store.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown());
  process.on('disconnect', () => void shutdown());
}

// A bug in one request or component must not take the cluster down; acknowledged writes are on disk.
process.on('uncaughtException', (error) => log('sandbox', `uncaught error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => log('sandbox', `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

main().catch((error: unknown) => {
  console.error('the sandbox could not start:', error);
  process.exit(1);
});
