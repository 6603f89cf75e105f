import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { resources } from '../apiserver/registry/clusterClient';
import type { RunningComponent, SandboxContext } from '../context';
import type { Endpoints, Service } from '../controllers/apiTypes';
import { podPortKey, type FromProxyWorker, type PodPortMapping, type ToProxyWorker } from './proxyMessages';
import { ServiceProxy, serviceKeyOf } from './serviceProxy';

/**
 * Starts the sandbox's kube-proxy: the main thread watches Services and Endpoints, a worker thread
 * listens and pipes. SANDBOX_PROXY_THREAD=0 (or a worker that cannot start) keeps it on the main thread.
 */
export async function startServiceProxy(ctx: SandboxContext): Promise<RunningComponent> {
  if (process.env.SANDBOX_PROXY_THREAD !== '0') {
    try {
      return await startOnWorker(ctx);
    } catch (error) {
      ctx.log('service-proxy', `no worker thread (${error instanceof Error ? error.message : String(error)}); proxying on the main thread`);
    }
  }
  return startOnMainThread(ctx);
}

function watchServices(ctx: SandboxContext, onService: (key: string, service: Service | undefined) => void, onEndpoints: (key: string, endpoints: Endpoints | undefined) => void): () => void {
  const stopServices = ctx.client.watch<Service>(resources.services, undefined, '', (event) => {
    if (event.type === 'ADDED' || event.type === 'MODIFIED') onService(serviceKeyOf(event.object), event.object);
    else if (event.type === 'DELETED') onService(serviceKeyOf(event.object), undefined);
  });
  const stopEndpoints = ctx.client.watch<Endpoints>(resources.endpoints, undefined, '', (event) => {
    if (event.type === 'MODIFIED' || event.type === 'ADDED') onEndpoints(serviceKeyOf(event.object), event.object);
    else if (event.type === 'DELETED') onEndpoints(serviceKeyOf(event.object), undefined);
  });
  return () => {
    stopServices();
    stopEndpoints();
  };
}

async function startOnMainThread(ctx: SandboxContext): Promise<RunningComponent> {
  const proxy = new ServiceProxy(ctx);
  const stopWatches = watchServices(
    ctx,
    (key, service) => void proxy.reconcile(key, service),
    (key, endpoints) => proxy.onEndpoints(key, endpoints),
  );
  return {
    async stop() {
      stopWatches();
      await proxy.stop();
    },
  };
}

/** Where each backend of the Endpoints really listens, asked of the kubelet's runtime on this thread. */
function resolvePodPorts(ctx: SandboxContext, endpoints: Endpoints): PodPortMapping[] {
  const mappings: PodPortMapping[] = [];
  if (!ctx.resolvePodPort) return mappings;
  for (const subset of endpoints.subsets ?? []) {
    for (const address of [...(subset.addresses ?? []), ...(subset.notReadyAddresses ?? [])]) {
      const pod = address.targetRef?.kind === 'Pod' ? address.targetRef.name : undefined;
      if (!pod) continue;
      const namespace = address.targetRef?.namespace ?? endpoints.metadata.namespace ?? '';
      for (const port of subset.ports ?? []) {
        const resolved = ctx.resolvePodPort(namespace, pod, port.port);
        if (resolved) mappings.push([podPortKey(namespace, pod, port.port), resolved]);
      }
    }
  }
  return mappings;
}

async function startOnWorker(ctx: SandboxContext): Promise<RunningComponent> {
  // The worker loads TypeScript through tsx's CommonJS hook, whether the sandbox runs under tsx or vitest.
  const requireHere = createRequire(__filename);
  const workerFile = path.join(__dirname, 'proxyWorker.ts');
  const worker = new Worker(`require(${JSON.stringify(requireHere.resolve('tsx/cjs'))}); require(${JSON.stringify(workerFile)});`, { eval: true });
  let stopped: (() => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the proxy worker exited with code ${code}`)));
    worker.on('message', (message: FromProxyWorker) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'log') ctx.log(message.component, message.message);
      else if (message.type === 'stopped') stopped?.();
    });
  });
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  worker.on('error', (error) => ctx.log('service-proxy', `the proxy worker failed: ${error.message}`));
  const post = (message: ToProxyWorker) => worker.postMessage(message);
  const stopWatches = watchServices(
    ctx,
    (key, service) => post({ type: 'service', key, service: service ?? null }),
    (key, endpoints) => post({ type: 'endpoints', key, endpoints: endpoints ?? null, podPorts: endpoints ? resolvePodPorts(ctx, endpoints) : [] }),
  );
  return {
    async stop() {
      stopWatches();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        stopped = () => {
          clearTimeout(timer);
          resolve();
        };
        post({ type: 'stop' });
      });
      await worker.terminate();
    },
  };
}
