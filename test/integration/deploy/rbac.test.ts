/**
 * The shipped RBAC is enough and not more, judged by a cluster: the sandbox (which evaluates RBAC
 * objects like the real authorizer) gets the dashboard's ServiceAccount, Role and bindings from
 * manifests/dashboard; then, with that ServiceAccount's token, kubectl asks what it may do and tries
 * to read a Secret, and the dashboard itself, run as the Deployment runs it, does every action.
 *
 * While the sandbox cannot issue ServiceAccount tokens (serviceAccountToken.ts says what it needs),
 * a stand-in identity runs the same checks: the sandbox's user `viewer`, bound to the shipped Role and
 * ClusterRole as the ServiceAccount is. `viewer` also holds the built-in `view` role (reads of all but
 * secrets), so then only what `view` does not grant is proven: every write, exec, log and proxy
 * permission the features need, nothing more of those, and no secrets. kustomize.test.ts holds the
 * Role's reads to the exact list.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
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

/** `kubectl auth can-i` arguments for a permission: `patch statefulsets.apps --subresource=scale`
 * (`pods/exec` would mean the pod named "exec"). */
function canIArgs(permission: Pick<Permission, 'group' | 'resource' | 'verb'>): string[] {
  const [resource, subresource] = permission.resource.split('/');
  const qualified = permission.group ? `${resource}.${permission.group}` : resource;
  return [permission.verb, qualified, ...(subresource ? [`--subresource=${subresource}`] : [])];
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
  { group: 'apps', resource: 'statefulsets', verb: 'update' },
  { group: 'apps', resource: 'statefulsets/scale', verb: 'update' },
  { group: 'apps', resource: 'controllerrevisions', verb: 'delete' },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verb: 'get' },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', verb: 'create' },
  { namespace: 'kube-system', group: 'apps', resource: 'statefulsets', verb: 'list' },
  { namespace: 'kube-system', group: '', resource: 'pods', verb: 'delete' },
  { namespace: 'sts-explorer', group: '', resource: 'pods', verb: 'list' },
];

/** Runs checks a few at a time: each is a kubectl process, and the machine is shared. */
async function inBatches<T, R>(items: T[], check: (item: T) => Promise<R>, size = 4): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(check))));
  return results;
}

interface Identity {
  /** For messages: `User "system:serviceaccount:sts-explorer:sts-explorer"`. */
  user: string;
  kubeconfig: string;
  token: string;
  /** True for the stand-in, whose reads come from `view` as well. */
  standIn: boolean;
}

const readVerbs = ['get', 'list', 'watch'];

describe.skipIf(kubectlMissing)('the shipped RBAC in the sandbox', () => {
  let sandbox: TestSandbox | undefined;
  let notReady = '';
  let identity: Identity | undefined;
  const as = (args: string[]) => kubectl(['--kubeconfig', identity?.kubeconfig ?? '', ...args]);

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
    if (notReady) {
      console.warn(`[deploy tests] skipping the RBAC checks: ${notReady}`);
      return;
    }
    const validate = await validationFlags(run);
    const objects = (await kustomize('manifests/dashboard')).filter((o) => rbacKinds.includes(o.kind));
    const applied = await run(['apply', ...validate, '-f', '-'], { input: objects.map((o) => stringify(o)).join('---\n') });
    if (applied.code !== 0) throw new Error(`applying the shipped RBAC failed: ${applied.stderr}`);
    const serviceAccount = await serviceAccountKubeconfig(sandbox, 'sts-explorer', 'sts-explorer');
    if (!('unavailable' in serviceAccount)) {
      identity = { user: 'system:serviceaccount:sts-explorer:sts-explorer', ...serviceAccount, standIn: false };
      return;
    }
    console.warn(`[deploy tests] RBAC checks with the stand-in user "viewer": ${serviceAccount.unavailable}`);
    // The shipped bindings' roleRefs, granted to viewer instead of the ServiceAccount.
    const standInBindings = objects
      .filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
      .map((o) => ({ ...o, metadata: { ...o.metadata, name: `${o.metadata.name}-stand-in` }, subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'viewer' }] }));
    expect(standInBindings).toHaveLength(2);
    const bound = await run(['apply', ...validate, '-f', '-'], { input: standInBindings.map((o) => stringify(o)).join('---\n') });
    if (bound.code !== 0) throw new Error(`binding the shipped roles to viewer failed: ${bound.stderr}`);
    const viewer = sandbox.kubeConfig('sandbox-viewer');
    const kubeconfig = path.join(sandbox.dir, 'viewer.kubeconfig');
    writeFileSync(kubeconfig, stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'sandbox', cluster: { server: viewer.getCurrentCluster()?.server, 'certificate-authority-data': viewer.getCurrentCluster()?.caData } }],
      users: [{ name: 'viewer', user: { token: viewer.getCurrentUser()?.token } }],
      contexts: [{ name: 'viewer', context: { cluster: 'sandbox', user: 'viewer', namespace: 'default' } }],
      'current-context': 'viewer',
    }), { mode: 0o600 });
    identity = { user: 'viewer', kubeconfig, token: viewer.getCurrentUser()?.token ?? '', standIn: true };
  }, 180_000);
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('allows every request the features make', async (context) => {
    if (notReady) return context.skip(notReady);
    const checks = [...namespacedPermissions.map((p) => ({ ...p, namespace: 'default' as string | undefined })), ...clusterPermissions.map((p) => ({ ...p, namespace: undefined }))];
    const refused = (
      await inBatches(checks, async (permission) => {
        const result = await as(['auth', 'can-i', ...(permission.namespace ? ['-n', permission.namespace] : []), ...canIArgs(permission)]);
        return result.stdout.trim() === 'yes' ? undefined : `${canIArgs(permission).join(' ')} (${permission.feature}): ${result.stdout.trim()} ${result.stderr.trim()}`;
      })
    ).filter(Boolean);
    expect(refused).toEqual([]);
  }, 180_000);

  it('refuses everything else tried: secrets, other kinds, other verbs, other namespaces', async (context) => {
    if (notReady) return context.skip(notReady);
    // The stand-in reads all but secrets through `view`: only its other requests can show too much.
    const requests = notGranted.filter((request) => !identity?.standIn || request.resource === 'secrets' || !readVerbs.includes(request.verb));
    const allowed = (
      await inBatches(requests, async (request) => {
        const result = await as(['auth', 'can-i', '-n', request.namespace ?? 'default', ...canIArgs(request)]);
        return result.stdout.trim() === 'no' ? undefined : `${canIArgs(request).join(' ')} in ${request.namespace ?? 'default'}: ${result.stdout.trim()}`;
      })
    ).filter(Boolean);
    expect(allowed).toEqual([]);
    if (!identity?.standIn) expect((await as(['auth', 'can-i', 'list', 'namespaces'])).stdout.trim()).toBe('no');
  }, 180_000);

  it('denies reading a Secret', async (context) => {
    if (notReady) return context.skip(notReady);
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'rbac-check', namespace: 'default' }, stringData: { password: 'not-for-the-dashboard' } };
    const run = sandboxKubectl(sandbox as TestSandbox);
    const created = await run(['apply', ...(await validationFlags(run)), '-f', '-'], { input: stringify(secret) });
    expect(created.code, created.stderr).toBe(0);
    const read = await as(['get', 'secret', 'rbac-check', '-n', 'default', '-o', 'yaml']);
    expect(read.code).not.toBe(0);
    expect(read.stderr).toContain(`secrets "rbac-check" is forbidden: User "${identity?.user}" cannot get resource "secrets" in API group "" in the namespace "default"`);
    expect(read.stdout).not.toContain('not-for-the-dashboard');
    const list = await as(['get', 'secrets', '-n', 'default']);
    expect(list.code).not.toBe(0);
    expect(list.stderr).toMatch(/forbidden/);
  }, 120_000);

  describe('the dashboard with that identity, run as the Deployment runs it', () => {
    let image: ImageRun | undefined;
    const token = 'rbac-check-dashboard-token-0123456789abcdef';
    let skipReason = '';

    beforeAll(async () => {
      skipReason = notReady || imageRuntimeMissing || '';
      if (skipReason) return;
      const admin = sandboxKubectl(sandbox as TestSandbox);
      const rollout = await admin(['rollout', 'status', '-n', 'default', 'statefulset/python-python-app', '--timeout=120s'], { timeoutMs: 130_000 });
      if (rollout.code !== 0) throw new Error(`the sandbox's demo app did not become Ready: ${rollout.stderr || rollout.stdout}`);
      const cluster = (sandbox as TestSandbox).kubeConfig().getCurrentCluster();
      const server = new URL(cluster?.server ?? '');
      // Its environment, and the in-cluster config from a Pod's service account files holding the identity's token.
      image = await runImage({
        port: await freePort(),
        env: await deploymentEnvironment({ 'sts-explorer-token/token': token }),
        pod: { token: identity?.token ?? '', caPem: Buffer.from(cluster?.caData ?? '', 'base64').toString('utf8'), namespace: 'sts-explorer', host: server.hostname, port: Number(server.port) },
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
