import net from 'node:net';
import type { Endpoints, Service } from '../controllers/apiTypes';
import { objectKey } from '../controllers/workqueue';
import { type Backend, BackendChooser, backendKey, readyBackends } from './backends';

/**
 * kube-proxy for the sandbox: every Service with a ClusterIP listens on that loopback address at each
 * of its TCP ports, NodePort and LoadBalancer Services also on 127.0.0.1:<nodePort>. Each accepted TCP
 * connection goes to one ready endpoint picked at random (or by client IP with sessionAffinity ClientIP),
 * so a keep-alive client stays on one pod as it does through iptables.
 *
 * Where the pod's server runs in this process (the kubelet's runtime says so), the accepted connection
 * itself is handed to it: what iptables DNAT does, one connection, no second hop, so a Service costs
 * an accept and a choice. Otherwise bytes are piped to a second connection to the pod, unparsed.
 */
interface Route {
  serviceKey: string;
  namespace: string;
  service: string;
  portName: string | undefined;
  /** sessionAffinity ClientIP: how long a client IP stays with its backend; undefined = no affinity. */
  affinityTimeoutMs: number | undefined;
}

interface Listener {
  route: Route;
  server: net.Server;
}

/** What the proxy needs from its host: a log, and where a pod's port really listens (see SandboxContext). */
export interface ProxyHost {
  log(component: string, message: string): void;
  resolvePodPort?: (namespace: string, pod: string, port: number) => { host: string; port: number } | undefined;
  /** The pod's in-process server for a port, taking an accepted connection; false once it stopped accepting. */
  connectionHandlerFor?: (namespace: string, pod: string, port: number) => ((socket: net.Socket) => boolean) | undefined;
}

export class ServiceProxy {
  private readonly listeners = new Map<string, Listener>();
  /** Open connections by Service and backend (with their upstream when piped), to close them with the Service. */
  private readonly connections = new Map<string, Map<string, Map<net.Socket, net.Socket | undefined>>>();
  private readonly chooser = new BackendChooser();
  /** Listener changes of one Service run one after another. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly failedAddresses = new Set<string>();
  /** The latest Endpoints per Service (from the watch), and ready backends per Service port computed from them. */
  private readonly endpoints = new Map<string, Endpoints>();
  private readonly readyCache = new Map<string, Backend[]>();
  private stopped = false;

  constructor(private readonly ctx: ProxyHost) {}

  /** The latest spec of each Service, to retry an address another process held. */
  private readonly services = new Map<string, Service>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();

  /** Brings the listeners of one Service in line with its spec (undefined = deleted). */
  reconcile(serviceKey: string, service: Service | undefined): Promise<void> {
    if (service) this.services.set(serviceKey, service);
    else this.services.delete(serviceKey);
    const previous = this.pending.get(serviceKey) ?? Promise.resolve();
    const next = previous.then(() => this.applyService(serviceKey, service)).catch((error: unknown) => this.ctx.log('service-proxy', `error updating ${serviceKey}: ${String(error)}`));
    this.pending.set(serviceKey, next);
    void next.then(() => {
      if (this.pending.get(serviceKey) === next) this.pending.delete(serviceKey);
    });
    return next;
  }

  private desiredListeners(serviceKey: string, service: Service | undefined): Map<string, Route> {
    const desired = new Map<string, Route>();
    if (!service || this.stopped) return desired;
    const clusterIP = service.spec.clusterIP;
    if (service.spec.type === 'ExternalName') return desired;
    for (const port of service.spec.ports ?? []) {
      if ((port.protocol ?? 'TCP') !== 'TCP') continue;
      const affinityTimeoutMs = service.spec.sessionAffinity === 'ClientIP' ? (service.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10_800) * 1000 : undefined;
      const route: Route = { serviceKey, namespace: service.metadata.namespace ?? 'default', service: service.metadata.name ?? '', portName: port.name, affinityTimeoutMs };
      // Headless Services (clusterIP None) get no virtual address, as with kube-proxy.
      if (clusterIP && clusterIP !== 'None') desired.set(`${clusterIP}:${port.port}`, route);
      if ((service.spec.type === 'NodePort' || service.spec.type === 'LoadBalancer') && port.nodePort) desired.set(`127.0.0.1:${port.nodePort}`, route);
    }
    return desired;
  }

  private async applyService(serviceKey: string, service: Service | undefined): Promise<void> {
    const desired = this.desiredListeners(serviceKey, service);
    for (const [address, listener] of [...this.listeners]) {
      if (listener.route.serviceKey !== serviceKey) continue;
      const wanted = desired.get(address);
      if (wanted) listener.route = wanted;
      else await this.closeListener(address);
    }
    for (const [address, route] of desired) {
      if (this.listeners.has(address)) continue;
      await this.openListener(address, route);
    }
    if (!service) {
      this.closeConnections(serviceKey, () => true);
      this.chooser.forget(`${serviceKey}|`);
    }
  }

  private openListener(address: string, route: Route): Promise<void> {
    const colon = address.lastIndexOf(':');
    const host = address.slice(0, colon);
    const port = Number(address.slice(colon + 1));
    // The socket options of the pods' own http.Servers, so that a handed-over connection behaves as a direct one;
    // half-open also lets a piped client's FIN travel to the pod without cutting the answer still on its way.
    const server = net.createServer({ noDelay: true, allowHalfOpen: true }, (socket) => this.onConnection(address, socket));
    return new Promise((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        // One line per address, not per retry: another process may own the port.
        if (!this.failedAddresses.has(address)) this.ctx.log('service-proxy', `cannot listen on ${address} for Service ${route.serviceKey}: ${error.code ?? error.message}; retrying`);
        this.failedAddresses.add(address);
        this.retryLater(route.serviceKey);
        resolve();
      });
      server.listen({ host, port }, () => {
        this.failedAddresses.delete(address);
        this.listeners.set(address, { route, server });
        resolve();
      });
    });
  }

  private retryLater(serviceKey: string): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (!this.stopped && this.services.has(serviceKey)) void this.reconcile(serviceKey, this.services.get(serviceKey));
    }, 2000);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private closeListener(address: string): Promise<void> {
    const listener = this.listeners.get(address);
    if (!listener) return Promise.resolve();
    this.listeners.delete(address);
    // The address is free once close() returns; open connections do not hold it (they stay with their pod or close with the Service).
    listener.server.close();
    return Promise.resolve();
  }

  private onConnection(address: string, socket: net.Socket): void {
    const listener = this.listeners.get(address);
    if (!listener) return void socket.destroy();
    const { route } = listener;
    const cacheKey = `${route.serviceKey}|${route.portName ?? ''}`;
    let backends = this.readyCache.get(cacheKey);
    if (!backends) this.readyCache.set(cacheKey, (backends = readyBackends(this.endpoints.get(route.serviceKey), route.portName)));
    const affinity = route.affinityTimeoutMs !== undefined;
    const backend = this.chooser.choose(backends, {
      affinityKey: affinity ? `${cacheKey}|${socket.remoteAddress ?? ''}` : undefined,
      affinityTimeoutMs: route.affinityTimeoutMs,
    });
    if (!backend) {
      // No ready endpoint: kube-proxy rejects the connection.
      socket.resetAndDestroy();
      return;
    }
    const handOver = backend.pod ? this.ctx.connectionHandlerFor?.(backend.namespace, backend.pod, backend.port) : undefined;
    if (handOver) {
      const forget = this.track(route, backend, socket, undefined);
      socket.once('close', forget);
      // The container is stopping: its port no longer accepts, so the client sees a refusal as through iptables.
      if (!handOver(socket)) socket.resetAndDestroy();
      return;
    }
    this.pipe(route, backend, socket);
  }

  /** Records an open connection; returns how to forget it. */
  private track(route: Route, backend: Backend, socket: net.Socket, upstream: net.Socket | undefined): () => void {
    const key = backendKey(backend);
    let byBackend = this.connections.get(route.serviceKey);
    if (!byBackend) this.connections.set(route.serviceKey, (byBackend = new Map()));
    let open = byBackend.get(key);
    if (!open) byBackend.set(key, (open = new Map()));
    open.set(socket, upstream);
    const inService = byBackend;
    const forBackend = open;
    return () => {
      if (forBackend.delete(socket) && forBackend.size === 0 && inService.get(key) === forBackend) inService.delete(key);
      if (inService.size === 0 && this.connections.get(route.serviceKey) === inService) this.connections.delete(route.serviceKey);
    };
  }

  private pipe(route: Route, backend: Backend, socket: net.Socket): void {
    const target = (backend.pod ? this.ctx.resolvePodPort?.(backend.namespace, backend.pod, backend.port) : undefined) ?? { host: backend.ip, port: backend.port };
    const upstream = net.connect({ host: target.host, port: target.port, noDelay: true, allowHalfOpen: true });
    const forget = this.track(route, backend, socket, upstream);
    // Ends travel through the pipes (a side that finished sending lets the other finish too); only errors tear both down.
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => {
      // A connection the pod refused or reset is reset towards the client too, as through iptables.
      if (!socket.destroyed) socket.resetAndDestroy();
    });
    socket.on('close', () => {
      forget();
      if (!upstream.destroyed) upstream.end();
    });
    upstream.on('close', () => {
      forget();
      if (!socket.destroyed) socket.end();
    });
    socket.pipe(upstream);
    upstream.pipe(socket);
  }

  /**
   * Takes the Service's new Endpoints for new connections. Established connections stay with their
   * pod, as with kube-proxy: a pod leaving the Endpoints because it is terminating still answers the
   * requests it has (its grace period) and closes its connections itself; cutting them here would
   * lose answers to requests the pod already served (a visit counted, its 200 never delivered).
   */
  onEndpoints(serviceKey: string, endpoints: Endpoints | undefined): void {
    if (endpoints) this.endpoints.set(serviceKey, endpoints);
    else this.endpoints.delete(serviceKey);
    for (const key of [...this.readyCache.keys()]) if (key.startsWith(`${serviceKey}|`)) this.readyCache.delete(key);
  }

  private closeConnections(serviceKey: string, shouldClose: (backend: string) => boolean): void {
    const byBackend = this.connections.get(serviceKey);
    if (!byBackend) return;
    for (const [key, sockets] of [...byBackend]) {
      if (!shouldClose(key)) continue;
      for (const [socket, upstream] of [...sockets]) {
        socket.destroy();
        upstream?.destroy();
      }
      byBackend.delete(key);
    }
    if (byBackend.size === 0) this.connections.delete(serviceKey);
  }

  /** Addresses currently served, for tests and the log. */
  addresses(): string[] {
    return [...this.listeners.keys()].sort();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    await Promise.all([...this.pending.values()]);
    for (const serviceKey of [...this.connections.keys()]) this.closeConnections(serviceKey, () => true);
    await Promise.all([...this.listeners.keys()].map((address) => this.closeListener(address)));
  }
}

export const serviceKeyOf = (object: { metadata: { namespace?: string; name?: string } }) => objectKey(object.metadata.namespace, object.metadata.name);
