/**
 * The shipped RBAC is enough and not more, judged by a cluster: the sandbox (which evaluates RBAC
 * objects like the real authorizer) gets the dashboard's ServiceAccount, Role and bindings from
 * manifests/dashboard; then, with that ServiceAccount's token, kubectl asks what it may do and tries
 * to read a Secret, and the dashboard itself runs every action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { freePort, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { deploymentEnvironment } from './deploymentEnv';
import { exerciseEveryAction } from './everyAction';
import { imageRuntimeMissing, runImage, type ImageRun } from './imageRuntime';
import { clusterPermissions, namespacedPermissions, type Permission } from './dashboardPermissions';
import { kubectl, kubectlMissing, kustomize } from './kubectl';
import { sandboxKubectl, servedKinds, validationFlags } from './sandboxKubectl';
import { serviceAccountKubeconfig } from './serviceAccountToken';

const rbacKinds = ['Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

/** `kubectl auth can-i` arguments for a permission: `patch statefulsets.apps/scale`. */
function canIArgs(permission: Pick<Permission, 'group' | 'resource' | 'verb'>): string[] {
  const [resource, subresource] = permission.resource.split('/');
  const qualified = permission.group ? `${resource}.${permission.group}` : resource;
  return [permission.verb, subresource ? `${qualified}/${subresource}` : qualified];
}

/** Requests the dashboard never makes, each a way a broader Role would leak power. */
const notGranted: { namespace?: string; group: string; resource: string; verb: string }[] = [
  { group: '', resource: 'secrets', verb: 'get' },
  { group: '', resource: 'secrets', verb: 'list' },
  { group: '', resource: 'secrets', verb: 'watch' },
  { namespace: 'sts-explorer', group: '', resource: 'secrets', verb: 'get' },
  { group: '', resource: 'configmaps', verb: 'get' },
  { group: '', resource: 'pods', verb: 'create' },
  { group: '', resource: 'pods', verb: 'patch' },
  { group: '', resource: 'pods/attach', verb: 'create' },
  { group: '', resource: 'pods/portforward', verb: 'create' },
  { group: '', resource: 'pods/proxy', verb: 'get' },
  { group: '', resource: 'services', verb: 'create' },
  { group: '', resource: 'services', verb: 'patch' },
  { group: '', resource: 'services/proxy', verb: 'create' },
  { group: '', resource: 'persistentvolumeclaims', verb: 'delete' },
  { group: '', resource: 'serviceaccounts', verb: 'get' },
  { group: 'apps', resource: 'statefulsets', verb: 'deletecollection' },
  { group: 'apps', resource: 'statefulsets/status', verb: 'update' },
  { group: 'apps', resource: 'controllerrevisions', verb: 'delete' },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verb: 'get' },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', verb: 'create' },
  { namespace: 'kube-system', group: 'apps', resource: 'statefulsets', verb: 'list' },
  { namespace: 'kube-system', group: '', resource: 'pods', verb: 'delete' },
  { namespace: 'sts-explorer', group: '', resource: 'pods', verb: 'list' },
];

describe.skipIf(kubectlMissing)('the shipped RBAC in the sandbox', () => {
  let sandbox: TestSandbox | undefined;
  let notReady = '';
  let serviceAccount: { kubeconfig: string; token: string } | undefined;
  const asServiceAccount = (args: string[]) => kubectl(['--kubeconfig', serviceAccount?.kubeconfig ?? '', ...args]);

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const run = sandboxKubectl(sandbox);
    try {
      const served = await servedKinds(run);
      const missing = ['rbac.authorization.k8s.io/v1 Role', 'v1 ServiceAccount', 'authorization.k8s.io/v1 SelfSubjectAccessReview'].filter((kind) => !served.has(kind));
      if (missing.length > 0) notReady = `the sandbox does not serve ${missing.join(', ')} yet`;
    } catch (error) {
      notReady = `the sandbox's discovery does not answer kubectl yet (${error instanceof Error ? error.message : String(error)})`;
    }
    if (!notReady) {
      const objects = (await kustomize('manifests/dashboard')).filter((o) => rbacKinds.includes(o.kind));
      const applied = await run(['apply', ...(await validationFlags(run)), '-f', '-'], { input: objects.map((o) => stringify(o)).join('---\n') });
      if (applied.code !== 0) notReady = `applying the shipped RBAC failed: ${applied.stderr}`;
    }
    if (!notReady) {
      const result = await serviceAccountKubeconfig(sandbox, 'sts-explorer', 'sts-explorer');
      if ('unavailable' in result) notReady = result.unavailable;
      else serviceAccount = result;
    }
    if (notReady) console.warn(`[deploy tests] skipping the RBAC checks: ${notReady}`);
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('lets the ServiceAccount make every request the features make', async (context) => {
    if (notReady) return context.skip(notReady);
    const refused: string[] = [];
    for (const permission of namespacedPermissions) {
      const result = await asServiceAccount(['auth', 'can-i', '-n', 'default', ...canIArgs(permission)]);
      if (result.stdout.trim() !== 'yes') refused.push(`${canIArgs(permission).join(' ')} (${permission.feature}): ${result.stdout.trim()} ${result.stderr.trim()}`);
    }
    for (const permission of clusterPermissions) {
      const result = await asServiceAccount(['auth', 'can-i', ...canIArgs(permission)]);
      if (result.stdout.trim() !== 'yes') refused.push(`${canIArgs(permission).join(' ')} (${permission.feature}): ${result.stdout.trim()}`);
    }
    expect(refused).toEqual([]);
  });

  it('refuses it everything else tried: secrets, other kinds, other verbs, other namespaces', async (context) => {
    if (notReady) return context.skip(notReady);
    const allowed: string[] = [];
    for (const request of notGranted) {
      const result = await asServiceAccount(['auth', 'can-i', '-n', request.namespace ?? 'default', ...canIArgs(request)]);
      if (result.stdout.trim() !== 'no') allowed.push(`${canIArgs(request).join(' ')} in ${request.namespace ?? 'default'}: ${result.stdout.trim()}`);
    }
    expect(allowed).toEqual([]);
    const namespaces = await asServiceAccount(['auth', 'can-i', 'list', 'namespaces']);
    expect(namespaces.stdout.trim()).toBe('no');
  });

  it('denies reading a Secret with the ServiceAccount\'s token', async (context) => {
    if (notReady) return context.skip(notReady);
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'rbac-check', namespace: 'default' }, stringData: { password: 'not-for-the-dashboard' } };
    const run = sandboxKubectl(sandbox as TestSandbox);
    const created = await run(['apply', ...(await validationFlags(run)), '-f', '-'], { input: stringify(secret) });
    expect(created.code, created.stderr).toBe(0);
    const read = await asServiceAccount(['get', 'secret', 'rbac-check', '-n', 'default', '-o', 'yaml']);
    expect(read.code).not.toBe(0);
    expect(read.stderr).toContain('secrets "rbac-check" is forbidden: User "system:serviceaccount:sts-explorer:sts-explorer" cannot get resource "secrets" in API group "" in the namespace "default"');
    expect(read.stdout).not.toContain('not-for-the-dashboard');
    const list = await asServiceAccount(['get', 'secrets', '-n', 'default']);
    expect(list.code).not.toBe(0);
    expect(list.stderr).toMatch(/forbidden/);
  });

  describe('the dashboard with that identity', () => {
    let image: ImageRun | undefined;
    const token = 'rbac-check-dashboard-token-0123456789abcdef';
    const admin = () => sandboxKubectl(sandbox as TestSandbox);
    let skipReason = '';

    beforeAll(async () => {
      skipReason = notReady || imageRuntimeMissing || '';
      if (skipReason) return;
      const rollout = await admin()(['rollout', 'status', '-n', 'default', 'statefulset/python-python-app', '--timeout=120s'], { timeoutMs: 130_000 });
      if (rollout.code !== 0) {
        skipReason = `the sandbox's demo app did not become Ready: ${rollout.stderr || rollout.stdout}`;
        return;
      }
      const cluster = (sandbox as TestSandbox).kubeConfig().getCurrentCluster();
      const server = new URL(cluster?.server ?? '');
      // As the Deployment runs it: its environment, in-cluster config from the ServiceAccount's files.
      image = await runImage({
        port: await freePort(),
        env: await deploymentEnvironment({ 'sts-explorer-token/token': token }),
        pod: { token: serviceAccount?.token ?? '', caPem: Buffer.from(cluster?.caData ?? '', 'base64').toString('utf8'), namespace: 'sts-explorer', host: server.hostname, port: Number(server.port) },
      });
    }, 240_000);
    afterAll(async () => {
      await image?.stop();
    });

    it('may do every action, and each one changes the cluster', async (context) => {
      if (skipReason) return context.skip(skipReason);
      await exerciseEveryAction(image?.url ?? '', token, sandboxKubectl(sandbox as TestSandbox));
    }, 240_000);
  });
});
