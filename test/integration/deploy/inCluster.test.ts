/**
 * In-cluster mode, as the Deployment runs it: the image's runtime (imageRuntime.ts) with a Pod's
 * service account files and KUBERNETES_SERVICE_HOST/PORT pointing at a sandbox, and the Deployment's
 * environment (CLUSTER=in-cluster, HOST=0.0.0.0, DASHBOARD_NAMESPACE, DASHBOARD_TOKEN). No kubeconfig
 * anywhere: client-node's loadFromCluster must find the API server, and the context list must show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { deploymentEnvironment } from './deploymentEnv';
import { imageRuntimeMissing, runImage, type ImageRun } from './imageRuntime';
import { exerciseEveryAction } from './everyAction';
import { kubectlMissing } from './kubectl';
import { sandboxKubectl } from './sandboxKubectl';

const missing = imageRuntimeMissing ?? kubectlMissing;
if (missing) console.warn(`[deploy tests] skipping the in-cluster run: ${missing}`);

interface ContextsAnswer {
  contexts: { name: string; server: string; namespace: string; current: boolean; source?: string }[];
  current: string;
}

describe.skipIf(missing)('the dashboard in-cluster, started as the Deployment starts it', () => {
  let sandbox: TestSandbox | undefined;
  let image: ImageRun | undefined;
  const token = 'in-cluster-check-0123456789abcdef0123456789';
  let env: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    env = await deploymentEnvironment({ 'sts-explorer-token/token': token });
    const admin = sandbox.kubeConfig();
    const server = new URL(admin.getCurrentCluster()?.server ?? '');
    image = await runImage({
      port: await freePort(),
      env,
      pod: {
        // The sandbox's admin token stands in for the ServiceAccount's here: this checks the connection, rbac.test.ts the permissions.
        token: admin.getCurrentUser()?.token ?? '',
        caPem: Buffer.from(admin.getCurrentCluster()?.caData ?? '', 'base64').toString('utf8'),
        namespace: 'sts-explorer',
        host: server.hostname,
        port: Number(server.port),
      },
    });
  }, 300_000);
  afterAll(async () => {
    await image?.stop();
    await sandbox?.dispose();
  });

  it('runs in in-cluster mode', () => {
    expect(env.CLUSTER).toBe('in-cluster');
    expect(image?.output()).toMatch(/cluster: in-cluster/);
  });

  it('lists the in-cluster cluster as the one context, opening the namespace the Role is in', async () => {
    const answer = await fetch(`${image?.url}/api/contexts`, { headers: { authorization: `Bearer ${token}` } });
    const text = await answer.text();
    expect(answer.status, text).toBe(200);
    const contexts = JSON.parse(text) as ContextsAnswer;
    expect(contexts.contexts.map((c) => c.name)).toEqual(['in-cluster']);
    expect(contexts.current).toBe('in-cluster');
    expect(contexts.contexts[0].server).toBe(sandbox?.server);
    expect(contexts.contexts[0].namespace).toBe(env.DASHBOARD_NAMESPACE);
  }, 120_000);

  it('reaches the API server with the service account files alone', async () => {
    const answer = await fetch(`${image?.url}/api/contexts/in-cluster/version`, { headers: { authorization: `Bearer ${token}` } });
    const text = await answer.text();
    expect(answer.status, text).toBe(200);
    expect(text).toContain('v1.33');
  }, 120_000);

  it('does every action, with the read-only root file system and the in-cluster config', async () => {
    const rollout = await sandboxKubectl(sandbox as TestSandbox)(['rollout', 'status', '-n', 'default', 'statefulset/python-python-app', '--timeout=120s'], { timeoutMs: 130_000 });
    expect(rollout.code, rollout.stderr).toBe(0);
    await exerciseEveryAction(image?.url ?? '', token, sandboxKubectl(sandbox as TestSandbox));
    expect(image?.output()).not.toMatch(/EROFS|read-only file system/i);
  }, 240_000);
});
