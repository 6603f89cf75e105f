/**
 * The dashboard's process: one HTTP server that serves the Next.js app and takes WebSocket upgrades
 * (the pod terminal). It picks the cluster (CLUSTER=auto|sandbox|kubeconfig|in-cluster) and, for the
 * sandbox, runs the embedded cluster as a child process and loads the kubeconfig it wrote.
 */
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { chooseCluster } from './lib/k8s/clusterChoice';
import { superviseSandbox, type SandboxSupervisor } from './lib/k8s/sandboxSupervisor';
import { isLoopbackHost } from './lib/http/loopback';
import { handleUpgrade, registerUpgradeRoute } from './lib/http/upgrade';
import { enforceToken, isAuthenticated } from './lib/http/tokenAuth';
import { requestTargetProblem } from './lib/http/requestTarget';
import { execUpgradeRoute } from './lib/k8s/exec/execBridge';
import { stopAllCaches } from './lib/k8s/cache/cacheRegistry';
import { cancelAllTraffic } from './lib/visits/traffic/trafficJobs';

const root = __dirname;
const dev = process.argv.includes('--dev');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);

/**
 * When whoever reads our output goes away (the terminal closed, or the program that started us
 * ended), every log line fails with EPIPE. Unhandled, Next.js logs that failure, which fails again:
 * a loop that kept a whole core busy. The output is gone, so its write errors are dropped.
 */
function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

async function main(): Promise<void> {
  ignoreClosedOutput();
  if (!isLoopbackHost(host) && !process.env.DASHBOARD_TOKEN && !process.env.KUBERNETES_SERVICE_HOST) {
    console.error(
      `Refusing to listen on ${host}: anyone who can reach that address could steer your cluster.\n` +
        'Set DASHBOARD_TOKEN to a long random secret (every page and API call will then need it), or leave HOST at 127.0.0.1.',
    );
    process.exit(2);
  }

  const choice = chooseCluster();
  let sandboxSupervisor: SandboxSupervisor | undefined;
  if (choice.mode === 'sandbox') {
    sandboxSupervisor = await superviseSandbox({ root, env: { SANDBOX_DIR: process.env.SANDBOX_DIR ?? path.join(root, '.sandbox') } });
    // lib/k8s reads this like any other kubeconfig; nothing else knows it is the sandbox.
    process.env.DASHBOARD_KUBECONFIG = sandboxSupervisor.first.kubeconfigPath;
  }
  const sandbox = sandboxSupervisor?.first;
  process.env.DASHBOARD_CLUSTER_MODE = choice.mode;

  const app = next({ dev, dir: root, hostname: host, port });
  await app.prepare();
  const handleRequest = app.getRequestHandler();
  const handleNextUpgrade = app.getUpgradeHandler();

  // DASHBOARD_TOKEN guards every page, API call and upgrade before Next.js sees the request.
  const token = process.env.DASHBOARD_TOKEN || undefined;
  registerUpgradeRoute(execUpgradeRoute());
  const server = http.createServer((req, res) => {
    const problem = requestTargetProblem(req, host);
    if (problem) return void res.writeHead(problem.status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: problem.error, detail: problem.detail }));
    if (enforceToken(req, res, token)) return;
    void handleRequest(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    const problem = requestTargetProblem(req, host);
    if (problem) return void socket.end(`HTTP/1.1 ${problem.status} ${problem.error}\r\nConnection: close\r\n\r\n`);
    if (token && !isAuthenticated(req, token)) return void socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
    if (handleUpgrade(req, socket, head)) return;
    if (dev && req.url?.startsWith('/_next/')) return void handleNextUpgrade(req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  // One write: whoever waits for the address line (a supervisor, a test) then has the cluster line too.
  console.log(
    [
      `StatefulSet Explorer on http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
      `cluster: ${choice.mode} (${choice.reason})${sandbox ? `, API server ${sandbox.server}, kubeconfig ${sandbox.kubeconfigPath}` : ''}`,
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    cancelAllTraffic();
    stopAllCaches();
    server.close();
    server.closeAllConnections();
    await sandboxSupervisor?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
