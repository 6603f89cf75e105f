import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api, type V1Secret } from '@kubernetes/client-node';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { waitFor } from '../../support/waitFor';

/**
 * Secret-based ServiceAccount tokens on a real sandbox process: a Secret of type
 * kubernetes.io/service-account-token naming a ServiceAccount is filled in by the token controller,
 * its token authenticates as the ServiceAccount (RBAC applies) with client-node and kubectl 1.33,
 * and deleting the Secret or the ServiceAccount revokes it; a Secret naming no ServiceAccount is
 * deleted by the controller.
 */
const kubectlBinary = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const haveKubectl = existsSync(kubectlBinary);
if (!haveKubectl) console.warn(`[legacyServiceAccountTokens] kubectl checks skipped: ${kubectlBinary} is not installed`);

function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(kubectlBinary, args, { timeout: 30_000 }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

describe('legacy ServiceAccount token Secrets', () => {
  let sandbox: TestSandbox;
  let core: CoreV1Api;
  const asAdmin = (args: string[]) => kubectl(['--kubeconfig', sandbox.kubeconfigPath, '--context', 'sandbox', ...args]);
  const withToken = (token: string, args: string[]) => kubectl(['--kubeconfig', sandbox.kubeconfigPath, '--context', 'sandbox', `--token=${token}`, ...args]);

  function tokenSecret(name: string, serviceAccount: string): V1Secret {
    return { metadata: { name, annotations: { 'kubernetes.io/service-account.name': serviceAccount } }, type: 'kubernetes.io/service-account-token' };
  }

  async function filledToken(name: string): Promise<V1Secret> {
    return waitFor(`Secret ${name} to get its token`, async () => {
      const secret = await core.readNamespacedSecret({ name, namespace: 'default' });
      return secret.data?.token ? secret : undefined;
    });
  }

  /** client-node as the holder of `token` (no other credentials). */
  function clientWith(token: string): CoreV1Api {
    const admin = sandbox.kubeConfig();
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'sandbox', server: sandbox.server, caData: admin.getCurrentCluster()?.caData }],
      users: [{ name: 'holder', token }],
      contexts: [{ name: 'holder', cluster: 'sandbox', user: 'holder', namespace: 'default' }],
      currentContext: 'holder',
    });
    return kc.makeApiClient(CoreV1Api);
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'controllers' } });
    const kc = sandbox.kubeConfig();
    core = kc.makeApiClient(CoreV1Api);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await core.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name: 'ci' } } });
    await rbac.createNamespacedRole({ namespace: 'default', body: { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] } });
    await rbac.createNamespacedRoleBinding({
      namespace: 'default',
      body: {
        metadata: { name: 'ci-reads-pods' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: 'default' }],
      },
    });
  }, 60_000);

  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('fills the Secret: token, ca.crt (the cluster CA), namespace and the uid annotation', async () => {
    await core.createNamespacedSecret({ namespace: 'default', body: tokenSecret('ci-token', 'ci') });
    const secret = await filledToken('ci-token');
    const account = await core.readNamespacedServiceAccount({ name: 'ci', namespace: 'default' });
    expect(secret.metadata?.annotations?.['kubernetes.io/service-account.uid']).toBe(account.metadata?.uid);
    expect(Buffer.from(secret.data?.namespace ?? '', 'base64').toString()).toBe('default');
    expect(secret.data?.['ca.crt']).toBe(sandbox.kubeConfig().getCurrentCluster()?.caData);
    const token = Buffer.from(secret.data?.token ?? '', 'base64').toString();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: 'kubernetes/serviceaccount', sub: 'system:serviceaccount:default:ci', 'kubernetes.io/serviceaccount/secret.name': 'ci-token' });
    expect(claims.exp).toBeUndefined();
  });

  it('authenticates client-node as the ServiceAccount, with its RBAC', async () => {
    const token = Buffer.from((await filledToken('ci-token')).data?.token ?? '', 'base64').toString();
    const asCi = clientWith(token);
    expect((await asCi.listNamespacedPod({ namespace: 'default' })).kind).toBe('PodList');
    await expect(asCi.listNamespacedConfigMap({ namespace: 'default' })).rejects.toMatchObject({ code: 403 });
    const labelled = await waitFor('the last-used label', async () => (await core.readNamespacedSecret({ name: 'ci-token', namespace: 'default' })).metadata?.labels?.['kubernetes.io/legacy-token-last-used']);
    expect(labelled).toBe(new Date().toISOString().slice(0, 10));
  });

  it.skipIf(!haveKubectl)('works with kubectl --token: auth whoami, get pods, and a 403 in the real words', async () => {
    const encoded = await asAdmin(['get', 'secret', 'ci-token', '-o', 'jsonpath={.data.token}']);
    expect(encoded.code).toBe(0);
    const token = Buffer.from(encoded.stdout.trim(), 'base64').toString();
    const whoami = await withToken(token, ['auth', 'whoami', '-o', 'json']);
    expect(whoami.stderr).toBe('');
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      status: { userInfo: { username: 'system:serviceaccount:default:ci', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] } },
    });
    expect((await withToken(token, ['get', 'pods'])).code).toBe(0);
    const secrets = await withToken(token, ['get', 'secrets']);
    expect(secrets.stderr).toContain('secrets is forbidden: User "system:serviceaccount:default:ci" cannot list resource "secrets" in API group "" in the namespace "default"');
  });

  it('deletes a token Secret that names a missing ServiceAccount', async () => {
    await core.createNamespacedSecret({ namespace: 'default', body: tokenSecret('ghost-token', 'ghost') });
    await waitFor('the orphan Secret to be deleted', async () => {
      try {
        await core.readNamespacedSecret({ name: 'ghost-token', namespace: 'default' });
        return false;
      } catch (error) {
        return (error as { code?: number }).code === 404;
      }
    });
  });

  it('revokes the token when its Secret is deleted, and when its ServiceAccount is deleted', async () => {
    const first = Buffer.from((await filledToken('ci-token')).data?.token ?? '', 'base64').toString();
    await core.createNamespacedSecret({ namespace: 'default', body: tokenSecret('ci-token-2', 'ci') });
    const second = Buffer.from((await filledToken('ci-token-2')).data?.token ?? '', 'base64').toString();
    await core.deleteNamespacedSecret({ name: 'ci-token', namespace: 'default' });
    await expect(clientWith(first).listNamespacedPod({ namespace: 'default' })).rejects.toMatchObject({ code: 401 });
    expect((await clientWith(second).listNamespacedPod({ namespace: 'default' })).kind).toBe('PodList');
    await core.deleteNamespacedServiceAccount({ name: 'ci', namespace: 'default' });
    await expect(clientWith(second).listNamespacedPod({ namespace: 'default' })).rejects.toMatchObject({ code: 401 });
    if (haveKubectl) expect((await withToken(second, ['get', 'pods'])).stderr).toContain('You must be logged in to the server');
    await waitFor('the ServiceAccount token Secret to be deleted with its account', async () => {
      const list = await core.listNamespacedSecret({ namespace: 'default' });
      return !list.items.some((secret) => secret.metadata?.name === 'ci-token-2');
    });
  });
});
