import type { Endpoints } from '../controllers/apiTypes';

/** One place a Service port's traffic can go: a pod's address and port, as Endpoints publish it. */
export interface Backend {
  ip: string;
  port: number;
  namespace: string;
  pod: string | undefined;
}

/** Pod name and address: in the kubelet's fallback every pod publishes 127.0.0.1, so the address alone is not unique. */
export const backendKey = (backend: Pick<Backend, 'ip' | 'port' | 'pod'>) => `${backend.pod ?? ''}@${backend.ip}:${backend.port}`;

/** Matches a Service port to an Endpoints port by name, as kube-proxy does (an unnamed port matches the unnamed one). */
function portFor(ports: Array<{ name?: string; port: number; protocol?: string }> | undefined, portName: string | undefined): number | undefined {
  return ports?.find((port) => (port.name ?? '') === (portName ?? '') && (port.protocol ?? 'TCP') === 'TCP')?.port;
}

/** Ready backends of a Service port. */
export function readyBackends(endpoints: Endpoints | undefined, portName: string | undefined): Backend[] {
  return backendsOf(endpoints, portName, false);
}

/** Every backend the Endpoints still name, ready or not: a connection to anything else has lost its pod. */
export function knownBackends(endpoints: Endpoints | undefined, portName: string | undefined): Backend[] {
  return backendsOf(endpoints, portName, true);
}

function backendsOf(endpoints: Endpoints | undefined, portName: string | undefined, includeNotReady: boolean): Backend[] {
  const backends: Backend[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    const port = portFor(subset.ports, portName);
    if (port === undefined) continue;
    const addresses = includeNotReady ? [...(subset.addresses ?? []), ...(subset.notReadyAddresses ?? [])] : (subset.addresses ?? []);
    for (const address of addresses) {
      backends.push({ ip: address.ip, port, namespace: address.targetRef?.namespace ?? endpoints?.metadata.namespace ?? '', pod: address.targetRef?.kind === 'Pod' ? address.targetRef.name : undefined });
    }
  }
  return backends;
}

/**
 * Picks a backend per new connection: uniformly at random (kube-proxy's iptables mode gives each
 * endpoint an equal probability), or, with sessionAffinity ClientIP, the one this client IP used last
 * if it is still ready and the affinity has not timed out.
 */
export class BackendChooser {
  private readonly affinity = new Map<string, { backend: string; expiresAt: number }>();

  constructor(private readonly random: () => number = Math.random) {}

  choose(backends: Backend[], options: { affinityKey?: string; affinityTimeoutMs?: number; now?: number } = {}): Backend | undefined {
    if (backends.length === 0) return undefined;
    const now = options.now ?? Date.now();
    const { affinityKey, affinityTimeoutMs } = options;
    if (affinityKey !== undefined) {
      const sticky = this.affinity.get(affinityKey);
      const kept = sticky && sticky.expiresAt > now ? backends.find((backend) => backendKey(backend) === sticky.backend) : undefined;
      const chosen = kept ?? backends[Math.floor(this.random() * backends.length)];
      this.affinity.set(affinityKey, { backend: backendKey(chosen), expiresAt: now + (affinityTimeoutMs ?? 10_800_000) });
      return chosen;
    }
    return backends[Math.floor(this.random() * backends.length)];
  }

  /** Forgets affinities of one Service (it changed or went away). */
  forget(prefix: string): void {
    for (const key of this.affinity.keys()) if (key.startsWith(prefix)) this.affinity.delete(key);
  }
}
