/**
 * lib's in-cluster connection without a build: in a private mount namespace, a Pod's service account
 * files under /var/run/secrets/kubernetes.io/serviceaccount and KUBERNETES_SERVICE_HOST/PORT, then
 * lib/k8s/connections/contextSource.ts builds the contexts as the dashboard does at run time. The
 * context list shows the in-cluster cluster, in the service account's namespace unless
 * DASHBOARD_NAMESPACE (set by manifests/dashboard) names the one to open.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './kubectl';

function isolationMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'mounting service account files in a private mount namespace needs root';
  const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs tmpfs /run'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `unshare/mount are not usable here: ${probe.stderr.trim()}`;
}
const missing = isolationMissing();
if (missing) console.warn(`[deploy tests] skipping the in-cluster context check: ${missing}`);

interface Listed {
  current: string;
  inCluster: boolean;
  contexts: { name: string; namespace?: string; server: string; user: string }[];
}

function contextsInPod(env: Record<string, string>): Listed {
  const staging = mkdtempSync('/var/tmp/sts-serviceaccount-');
  try {
    writeFileSync(path.join(staging, 'token'), 'a-service-account-token');
    writeFileSync(path.join(staging, 'ca.crt'), '-----BEGIN CERTIFICATE-----\nnot checked here\n-----END CERTIFICATE-----\n');
    writeFileSync(path.join(staging, 'namespace'), 'sts-explorer');
    const program = [
      "const { buildContextSource } = require('./lib/k8s/connections/contextSource');",
      'const source = buildContextSource(process.env);',
      'const kc = source.kc;',
      'console.log(JSON.stringify({ current: source.current, inCluster: source.inCluster, contexts: kc.getContexts().map((c) => ({ name: c.name, namespace: c.namespace, server: kc.getCluster(c.cluster)?.server, user: c.user })) }));',
    ].join('\n');
    const script = [
      'set -e',
      'mount -t tmpfs -o size=1m tmpfs /run',
      'mkdir -p /run/secrets/kubernetes.io/serviceaccount',
      `cp ${staging}/token ${staging}/ca.crt ${staging}/namespace /run/secrets/kubernetes.io/serviceaccount/`,
      `cd '${repositoryRoot}'`,
      `exec '${process.execPath}' --import tsx -e "$PROGRAM"`,
    ].join('\n');
    const result = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
      encoding: 'utf8',
      env: { NODE_ENV: 'production', PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', PROGRAM: program, KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443', ...env },
      timeout: 60_000,
    });
    if (result.status !== 0) throw new Error(`listing the contexts failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Listed;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

describe.skipIf(missing)('the in-cluster context, from a Pod\'s service account files', () => {
  it('is the one context in in-cluster mode, with the API server of KUBERNETES_SERVICE_HOST and the service account\'s namespace', () => {
    const listed = contextsInPod({ DASHBOARD_CLUSTER_MODE: 'in-cluster' });
    expect(listed.inCluster).toBe(true);
    expect(listed.current).toBe('in-cluster');
    expect(listed.contexts).toEqual([{ name: 'in-cluster', namespace: 'sts-explorer', server: 'https://10.96.0.1:443', user: expect.any(String) }]);
  }, 120_000);

  it('opens DASHBOARD_NAMESPACE instead, the namespace where manifests/dashboard grants access', () => {
    const listed = contextsInPod({ DASHBOARD_CLUSTER_MODE: 'in-cluster', DASHBOARD_NAMESPACE: 'default' });
    expect(listed.contexts.map((c) => [c.name, c.namespace])).toEqual([['in-cluster', 'default']]);
  }, 120_000);
});
