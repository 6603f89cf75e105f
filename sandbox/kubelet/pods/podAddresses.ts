import net from 'node:net';

/**
 * Pod IPs from 127.244.0.0/16: Linux routes all of 127.0.0.0/8 to loopback, so every pod can
 * listen on its real containerPort at its own address. Where the OS refuses (macOS without
 * aliases), every pod shares 127.0.0.1 and each container port is mapped to a free port instead;
 * `resolvePodPort` exposes the mapping.
 */
export type AddressMode = 'pod-ip' | 'mapped-ports';

export const sharedHost = '127.0.0.1';

export async function detectAddressMode(): Promise<AddressMode> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve('mapped-ports'));
    server.listen(0, '127.244.255.254', () => server.close(() => resolve('pod-ip')));
  });
}

/** Whether every port can be bound at `host` now (another sandbox process may hold the address). */
function portsFree(host: string, ports: number[]): Promise<boolean> {
  return ports.reduce<Promise<boolean>>(
    (previous, port) =>
      previous.then(
        (free) =>
          free &&
          new Promise<boolean>((resolve) => {
            const server = net.createServer();
            server.once('error', () => resolve(false));
            server.listen(port, host, () => server.close(() => resolve(true)));
          }),
      ),
    Promise.resolve(true),
  );
}

export class PodAddressAllocator {
  private readonly byUid = new Map<string, string>();
  private readonly inUse = new Set<string>();
  // Several sandboxes may run on one machine (tests, a dashboard): each starts at a random place
  // in the range, and an address whose ports are taken is skipped.
  private next = 2 + Math.floor(Math.random() * 65_000);

  constructor(readonly mode: AddressMode) {}

  private static isPodAddress(ip: string | undefined): ip is string {
    return !!ip && /^127\.244\.\d{1,3}\.\d{1,3}$/.test(ip) && ip.split('.').every((part) => Number(part) <= 255);
  }

  /**
   * The pod's address: the one it had before a sandbox restart when still free, else the next
   * free one. `ports` are the pod's container ports, which must be bindable there.
   */
  async allocate(uid: string, previous: string | undefined, ports: number[]): Promise<string> {
    if (this.mode === 'mapped-ports') return sharedHost;
    const existing = this.byUid.get(uid);
    if (existing) return existing;
    let ip: string | undefined;
    if (PodAddressAllocator.isPodAddress(previous) && !this.inUse.has(previous)) {
      this.inUse.add(previous);
      if (await portsFree(previous, ports)) ip = previous;
      else this.inUse.delete(previous);
    }
    for (let attempts = 0; !ip && attempts < 65_000; attempts += 1) {
      const candidate = `127.244.${Math.floor(this.next / 256) % 256}.${this.next % 256}`;
      this.next = this.next >= 65_533 ? 2 : this.next + 1;
      // Skip .0 and .255 so addresses look like ordinary host addresses.
      const last = Number(candidate.split('.')[3]);
      if (last === 0 || last === 255 || this.inUse.has(candidate)) continue;
      this.inUse.add(candidate);
      if (await portsFree(candidate, ports)) ip = candidate;
      else this.inUse.delete(candidate);
    }
    if (!ip) throw new Error('no free pod address left in 127.244.0.0/16');
    this.byUid.set(uid, ip);
    return ip;
  }

  release(uid: string): void {
    const ip = this.byUid.get(uid);
    if (!ip) return;
    this.byUid.delete(uid);
    this.inUse.delete(ip);
  }
}
