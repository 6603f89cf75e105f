import { describe, expect, it } from 'vitest';
import type { Endpoints } from '../controllers/apiTypes';
import { BackendChooser, knownBackends, readyBackends } from './backends';

const endpoints: Endpoints = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'web', namespace: 'default' },
  subsets: [
    {
      addresses: [
        { ip: '127.244.0.2', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0' } },
        { ip: '127.244.0.3', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1' } },
      ],
      notReadyAddresses: [{ ip: '127.244.0.4', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2' } }],
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP' },
        { name: 'admin', port: 9090, protocol: 'TCP' },
      ],
    },
  ],
};

describe('Service backends', () => {
  it('lists ready backends of the named port, and all known ones', () => {
    expect(readyBackends(endpoints, 'http')).toEqual([
      { ip: '127.244.0.2', port: 8080, namespace: 'default', pod: 'web-0' },
      { ip: '127.244.0.3', port: 8080, namespace: 'default', pod: 'web-1' },
    ]);
    expect(readyBackends(endpoints, 'admin').map((backend) => backend.port)).toEqual([9090, 9090]);
    expect(readyBackends(endpoints, 'other')).toEqual([]);
    expect(knownBackends(endpoints, 'http').map((backend) => backend.pod)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('chooses uniformly at random without affinity', () => {
    const sequence = [0.1, 0.9, 0.4, 0.6];
    const chooser = new BackendChooser(() => sequence.shift() ?? 0);
    const backends = readyBackends(endpoints, 'http');
    expect([1, 2, 3, 4].map(() => chooser.choose(backends)?.pod)).toEqual(['web-0', 'web-1', 'web-0', 'web-1']);
  });

  it('sticks to one backend per client IP until the affinity times out or the backend goes', () => {
    let next = 0.1;
    const chooser = new BackendChooser(() => next);
    const backends = readyBackends(endpoints, 'http');
    expect(chooser.choose(backends, { affinityKey: 'svc|10.0.0.1', affinityTimeoutMs: 1000, now: 0 })?.pod).toBe('web-0');
    next = 0.9;
    expect(chooser.choose(backends, { affinityKey: 'svc|10.0.0.1', affinityTimeoutMs: 1000, now: 500 })?.pod).toBe('web-0');
    expect(chooser.choose(backends, { affinityKey: 'svc|10.0.0.1', affinityTimeoutMs: 1000, now: 2000 })?.pod).toBe('web-1');
    expect(chooser.choose([backends[0]], { affinityKey: 'svc|10.0.0.1', affinityTimeoutMs: 1000, now: 2100 })?.pod).toBe('web-0');
  });
});
