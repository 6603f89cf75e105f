import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildContextSource, IN_CLUSTER_CONTEXT } from './contextSource';

const dir = mkdtempSync(path.join(os.tmpdir(), 'contexts-'));
const file = path.join(dir, 'config');
writeFileSync(
  file,
  `apiVersion: v1
kind: Config
clusters:
- name: kind
  cluster: { server: 'https://127.0.0.1:7443' }
- name: minikube
  cluster: { server: 'https://127.0.0.1:8443' }
users:
- name: alice
  user: { token: secret-alice-token }
contexts:
- name: kind-dev
  context: { cluster: kind, user: alice, namespace: apps }
- name: minikube
  context: { cluster: minikube, user: alice }
current-context: minikube
`,
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('context source', () => {
  it('offers every kubeconfig context with the current one', () => {
    const source = buildContextSource({ DASHBOARD_KUBECONFIG: file });
    expect(source.kc.getContexts().map((context) => context.name)).toEqual(['kind-dev', 'minikube']);
    expect(source.current).toBe('minikube');
    expect(source.inCluster).toBe(false);
  });

  it('adds the in-cluster service account when running in a Pod', () => {
    const source = buildContextSource({ DASHBOARD_KUBECONFIG: file, KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' });
    expect(source.kc.getContexts().map((context) => context.name)).toEqual(['kind-dev', 'minikube', IN_CLUSTER_CONTEXT]);
    expect(source.current).toBe('minikube');
    expect(source.kc.getCluster('__in-cluster')?.server).toBe('https://10.96.0.1:443');
  });

  it('uses only the in-cluster context in in-cluster mode', () => {
    const source = buildContextSource({ DASHBOARD_CLUSTER_MODE: 'in-cluster', KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' });
    expect(source.kc.getContexts().map((context) => context.name)).toEqual([IN_CLUSTER_CONTEXT]);
    expect(source.current).toBe(IN_CLUSTER_CONTEXT);
  });
});
