import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { waitFor } from '../../support/waitFor';

/**
 * Whether process `pid` holds the listening TCP socket on host:port. Several sandboxes may run on
 * one machine (tests of other areas, a developer's own); their Services get the same ClusterIPs,
 * and only the first one to bind an address serves it. A test must talk to its own sandbox.
 * Linux only: reads /proc/<pid>/fd and /proc/net/tcp.
 */
function hexAddress(host: string, port: number): string {
  const ip = host
    .split('.')
    .map((part) => Number(part).toString(16).padStart(2, '0').toUpperCase())
    .reverse()
    .join('');
  return `${ip}:${port.toString(16).padStart(4, '0').toUpperCase()}`;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return inodes;
}

export function processListensOn(pid: number, host: string, port: number): boolean {
  const wanted = hexAddress(host, port);
  const inodes = socketInodes(pid);
  const lines = readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1);
  return lines.some((line) => {
    const fields = line.trim().split(/\s+/);
    // fields: sl local_address rem_address st ... inode (index 9); st 0A = LISTEN
    return fields[1] === wanted && fields[3] === '0A' && inodes.has(fields[9]);
  });
}

/** The address of a Service port that this sandbox process really serves: its ClusterIP if it owns it, else the NodePort on 127.0.0.1. */
export function ownServiceAddress(pid: number, spec: { clusterIP?: string; ports?: Array<{ port: number; nodePort?: number }> }): { host: string; port: number } {
  const port = spec.ports?.[0];
  if (!port) throw new Error('the Service has no port');
  if (spec.clusterIP && processListensOn(pid, spec.clusterIP, port.port)) return { host: spec.clusterIP, port: port.port };
  if (port.nodePort && processListensOn(pid, '127.0.0.1', port.nodePort)) return { host: '127.0.0.1', port: port.nodePort };
  throw new Error(`the sandbox (pid ${pid}) serves neither ${spec.clusterIP}:${port.port} nor 127.0.0.1:${port.nodePort}: another process holds them`);
}

/** ownServiceAddress, once the sandbox's proxy listens on the Service (it starts listening shortly after the Service exists). */
export function waitForOwnServiceAddress(pid: number, spec: { clusterIP?: string; ports?: Array<{ port: number; nodePort?: number }> }): Promise<{ host: string; port: number }> {
  return waitFor(
    'the Service proxy to listen',
    () => {
      try {
        return ownServiceAddress(pid, spec);
      } catch {
        return undefined;
      }
    },
    20_000,
  );
}
