import net from 'node:net';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig, V1Service } from '@kubernetes/client-node';

/**
 * Where the generator sends requests. Directly to ClusterIP:port when this process can open a TCP
 * connection there (in-cluster, or a cluster whose Service addresses are routable, like the
 * sandbox's loopback ones): then each new connection is balanced by the cluster's proxy, exactly as
 * a client in the cluster sees it. Otherwise through the API server's services/proxy subresource,
 * where the API server holds the connections and the spread says little about per-connection balancing.
 */
export interface TrafficTarget {
  route: 'direct' | 'apiserver-proxy';
  /** Printable target: "127.96.0.12:80" or "https://127.0.0.1:6443/api/v1/namespaces/default/services/web:80/proxy". */
  target: string;
  /** Builds the request options for one request to `path`. */
  request(path: string, agent: http.Agent | https.Agent | false): { module: typeof http | typeof https; options: https.RequestOptions };
  newAgent(keepAlive: boolean, maxSockets: number): http.Agent | https.Agent;
}

export function canConnect(host: string, port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function servicePort(service: V1Service): { port: number; name?: string } | undefined {
  const port = (service.spec?.ports ?? []).find((entry) => (entry.protocol ?? 'TCP') === 'TCP');
  return port ? { port: port.port, ...(port.name ? { name: port.name } : {}) } : undefined;
}

export async function chooseTrafficTarget(kc: KubeConfig, service: V1Service): Promise<TrafficTarget> {
  const port = servicePort(service);
  if (!port) throw new Error('the Service has no TCP port');
  const clusterIP = service.spec?.clusterIP;
  if (clusterIP && clusterIP !== 'None' && (await canConnect(clusterIP, port.port))) {
    const host = clusterIP.includes(':') ? `[${clusterIP}]` : clusterIP;
    return {
      route: 'direct',
      target: `${host}:${port.port}`,
      request: (path, agent) => ({ module: http, options: { host: clusterIP, port: port.port, path, method: 'GET', agent } }),
      newAgent: (keepAlive, maxSockets) => new http.Agent({ keepAlive, maxSockets }),
    };
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the context has no cluster');
  const base = new URL(cluster.server);
  const namespace = service.metadata?.namespace ?? 'default';
  const proxyPath = `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service.metadata?.name ?? '')}:${encodeURIComponent(String(port.name ?? port.port))}/proxy`;
  const tls: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const isHttps = base.protocol === 'https:';
  return {
    route: 'apiserver-proxy',
    target: `${cluster.server}${proxyPath}`,
    request: (path, agent) => ({
      module: isHttps ? https : http,
      options: { ...tls, host: base.hostname, port: base.port || (isHttps ? 443 : 80), path: `${base.pathname.replace(/\/$/, '')}${proxyPath}${path}`, method: 'GET', agent },
    }),
    newAgent: (keepAlive, maxSockets) => (isHttps ? new https.Agent({ keepAlive, maxSockets }) : new http.Agent({ keepAlive, maxSockets })),
  };
}
