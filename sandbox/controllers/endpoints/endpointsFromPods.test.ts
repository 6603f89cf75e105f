import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../apiTypes';
import { compareIps, endpointSubsets, resolveTargetPort, sliceContent } from './endpointsFromPods';

const service: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

function pod(name: string, ip: string | undefined, ready: boolean, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...extra },
    spec: { hostname: name, subdomain: 'web', nodeName: 'sandbox', containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('endpoints from pods', () => {
  it('resolves named and numeric target ports', () => {
    expect(resolveTargetPort({ port: 80, targetPort: 'http' }, pod('a', '1', true))).toBe(8080);
    expect(resolveTargetPort({ port: 80, targetPort: 9000 }, pod('a', '1', true))).toBe(9000);
    expect(resolveTargetPort({ port: 80 }, pod('a', '1', true))).toBe(80);
    expect(resolveTargetPort({ port: 80, targetPort: 'metrics' }, pod('a', '1', true))).toBeUndefined();
  });

  it('splits ready and not-ready pods, leaves out pods without IP and terminating pods', () => {
    const subsets = endpointSubsets(service, [
      pod('web-1', '127.244.0.12', true),
      pod('web-0', '127.244.0.2', true),
      pod('web-2', '127.244.0.3', false),
      pod('web-3', undefined, false),
      pod('web-4', '127.244.0.5', true, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
    ]);
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses?.map((address) => address.ip)).toEqual(['127.244.0.2', '127.244.0.12']);
    expect(subsets[0].notReadyAddresses?.map((address) => address.ip)).toEqual(['127.244.0.3']);
    expect(subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(subsets[0].addresses?.[0]).toEqual({ ip: '127.244.0.2', hostname: 'web-0', nodeName: 'sandbox', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'uid-web-0' } });
  });

  it('publishes hostnames only for the governing Service', () => {
    const other = { ...service, metadata: { name: 'web-lb', namespace: 'default' } };
    expect(endpointSubsets(other, [pod('web-0', '127.244.0.2', true)])[0].addresses?.[0].hostname).toBeUndefined();
  });

  it('gives slices ready and serving conditions', () => {
    const { endpoints, ports } = sliceContent(service, [pod('web-0', '127.244.0.2', true), pod('web-1', '127.244.0.3', false)]);
    expect(endpoints.map((endpoint) => endpoint.conditions)).toEqual([
      { ready: true, serving: true, terminating: false },
      { ready: false, serving: false, terminating: false },
    ]);
    expect(ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('orders IPv4 addresses numerically', () => {
    expect(['127.244.0.12', '127.244.1.2', '127.244.0.9'].sort(compareIps)).toEqual(['127.244.0.9', '127.244.0.12', '127.244.1.2']);
  });
});
