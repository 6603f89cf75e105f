import { parentPort } from 'node:worker_threads';
import { podPortKey, type FromProxyWorker, type ToProxyWorker } from './proxyMessages';
import { ServiceProxy } from './serviceProxy';

/** The Service proxy's thread: applies what the main thread saw in the API to its listeners. */
const port = parentPort;
if (!port) throw new Error('proxyWorker.ts runs as a worker thread only');

const post = (message: FromProxyWorker) => port.postMessage(message);
const podPorts = new Map<string, { host: string; port: number }>();
const proxy = new ServiceProxy({
  log: (component, message) => post({ type: 'log', component, message }),
  resolvePodPort: (namespace, pod, podPort) => podPorts.get(podPortKey(namespace, pod, podPort)),
});

port.on('message', (message: ToProxyWorker) => {
  switch (message.type) {
    case 'service':
      void proxy.reconcile(message.key, message.service ?? undefined);
      return;
    case 'endpoints':
      for (const [key, address] of message.podPorts) podPorts.set(key, address);
      proxy.onEndpoints(message.key, message.endpoints ?? undefined);
      return;
    case 'stop':
      void proxy.stop().then(() => post({ type: 'stopped' }));
      return;
  }
});
post({ type: 'ready' });
