import type { Endpoints, Service } from '../controllers/apiTypes';

/**
 * Messages between the sandbox's main thread (which watches the API) and the Service proxy's worker
 * thread (which owns the listeners and connections). The proxy runs on its own thread so that piping
 * bytes does not compete with the API server and the pods' apps for one event loop, as kube-proxy is
 * its own process on a real node.
 */
export type PodPortMapping = [key: string, address: { host: string; port: number }];

export type ToProxyWorker =
  | { type: 'service'; key: string; service: Service | null }
  /** `podPorts`: where each backend of these Endpoints really listens, resolved on the main thread (keys from `podPortKey`). */
  | { type: 'endpoints'; key: string; endpoints: Endpoints | null; podPorts: PodPortMapping[] }
  | { type: 'stop' };

export type FromProxyWorker = { type: 'ready' } | { type: 'log'; component: string; message: string } | { type: 'stopped' };

export const podPortKey = (namespace: string, pod: string, port: number) => `${namespace}/${pod}:${port}`;
