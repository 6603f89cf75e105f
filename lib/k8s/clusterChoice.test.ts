import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseCluster } from './clusterChoice';

const emptyHome = () => mkdtempSync(path.join(os.tmpdir(), 'home-'));

describe('chooseCluster', () => {
  it('picks the sandbox when nothing else is configured', () => {
    expect(chooseCluster({ HOME: emptyHome() }).mode).toBe('sandbox');
  });
  it('picks in-cluster when KUBERNETES_SERVICE_HOST is set', () => {
    expect(chooseCluster({ HOME: emptyHome(), KUBERNETES_SERVICE_HOST: '10.0.0.1' }).mode).toBe('in-cluster');
  });
  it('picks the kubeconfig when $KUBECONFIG points at a file', () => {
    const file = path.join(emptyHome(), 'config');
    writeFileSync(file, 'apiVersion: v1\nkind: Config\n');
    expect(chooseCluster({ HOME: emptyHome(), KUBECONFIG: file }).mode).toBe('kubeconfig');
  });
  it('honours an explicit CLUSTER', () => {
    expect(chooseCluster({ HOME: emptyHome(), CLUSTER: 'sandbox', KUBERNETES_SERVICE_HOST: 'x' }).mode).toBe('sandbox');
  });
  it('rejects an unknown CLUSTER with the allowed values', () => {
    expect(() => chooseCluster({ CLUSTER: 'minikube' })).toThrow(/auto, sandbox, kubeconfig, in-cluster/);
  });
});
