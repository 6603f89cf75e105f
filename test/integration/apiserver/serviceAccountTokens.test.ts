import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { serviceAccountClaims, signServiceAccountToken } from '../../../sandbox/apiserver/authn/serviceAccountTokens';
import { fetchRaw, startTestSandbox, type TestSandbox } from '../../support/sandbox';

/**
 * ServiceAccount tokens as on a real cluster: `kubectl create token` (the TokenRequest API) issues
 * a token that authenticates as system:serviceaccount:{ns}:{name}, RBAC bindings to that
 * ServiceAccount (or its groups) decide what it may do, and a forged, expired, wrong-audience or
 * orphaned token (its ServiceAccount deleted and made again) is 401.
 */
const kubectlBinary = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const missing = !existsSync(kubectlBinary);
if (missing) console.warn(`[serviceAccountTokens] skipped: ${kubectlBinary} is not installed`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(kubectlBinary, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe.skipIf(missing)('ServiceAccount tokens (kubectl 1.33 and client-node)', () => {
  let sandbox: TestSandbox;
  let core: CoreV1Api;
  let rbac: RbacAuthorizationV1Api;
  let token: string;
  const admin = (args: string[]) => kubectl(['--kubeconfig', sandbox.kubeconfigPath, '--context', 'sandbox', ...args]);
  const asToken = (value: string, args: string[]) => kubectl(['--kubeconfig', kubeconfigWith(value), ...args]);

  /** A kubeconfig whose only user is `token`, as a person would hand it to a program. */
  function kubeconfigWith(value: string): string {
    const cluster = sandbox.kubeConfig().getCurrentCluster();
    const file = path.join(sandbox.dir, `token-${payloadOf(value).jti ?? 'forged'}-${Math.random().toString(36).slice(2)}.kubeconfig`);
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'sandbox', cluster: { server: cluster?.server, 'certificate-authority-data': cluster?.caData } }],
        users: [{ name: 'x', user: { token: value } }],
        contexts: [{ name: 'x', context: { cluster: 'sandbox', user: 'x', namespace: 'default' } }],
        'current-context': 'x',
      }),
      { mode: 0o600 },
    );
    return file;
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'none' } });
    core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
    rbac = sandbox.kubeConfig().makeApiClient(RbacAuthorizationV1Api);
    await core.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name: 'x' } } });
    await rbac.createNamespacedRole({
      namespace: 'default',
      body: { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'default',
      body: {
        metadata: { name: 'x-reads-pods' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'x', namespace: 'default' }],
      },
    });
    const created = await admin(['create', 'token', 'x', '-n', 'default']);
    expect(created.stderr).toBe('');
    token = created.stdout.trim();
  }, 60_000);
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('issues a signed token with the claims of a real cluster', () => {
    const claims = payloadOf(token);
    expect(claims).toMatchObject({ sub: 'system:serviceaccount:default:x', 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'x' } } });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it('answers a TokenRequest through client-node, and NotFound or Invalid in the real words', async () => {
    const answer = await core.createNamespacedServiceAccountToken({ name: 'x', namespace: 'default', body: { spec: { audiences: [], expirationSeconds: 600 } } });
    expect(answer.kind).toBe('TokenRequest');
    expect(answer.status?.token.split('.')).toHaveLength(3);
    const claims = payloadOf(answer.status?.token ?? '');
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);
    expect(new Date(answer.status?.expirationTimestamp ?? 0).getTime()).toBe((claims.exp as number) * 1000);
    const absent = await admin(['create', 'token', 'nobody', '-n', 'default']);
    expect(absent.code).not.toBe(0);
    expect(absent.stderr).toContain('serviceaccounts "nobody" not found');
    const short = await admin(['create', 'token', 'x', '-n', 'default', '--duration=1m']);
    expect(short.stderr).toContain('spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
  });

  it('lists serviceaccounts/token in discovery as a TokenRequest', async () => {
    const list = await fetchRaw(sandbox, '/api/v1', { headers: { Authorization: `Bearer ${sandbox.kubeConfig().getCurrentUser()?.token ?? ''}` } });
    const entry = (JSON.parse(list.text) as { resources: Array<{ name: string; kind: string; group?: string; verbs: string[] }> }).resources.find((resource) => resource.name === 'serviceaccounts/token');
    expect(entry).toMatchObject({ kind: 'TokenRequest', group: 'authentication.k8s.io', verbs: ['create'] });
  });

  it('acts as the ServiceAccount: bound actions work, others are 403 in the real words', async () => {
    const pods = await asToken(token, ['get', 'pods']);
    expect(pods.code).toBe(0);
    const secrets = await asToken(token, ['get', 'secrets']);
    expect(secrets.code).not.toBe(0);
    expect(secrets.stderr).toContain(
      'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:default:x" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
    const other = await asToken(token, ['get', 'pods', '-n', 'kube-system']);
    expect(other.stderr).toContain('pods is forbidden: User "system:serviceaccount:default:x" cannot list resource "pods" in API group "" in the namespace "kube-system"');
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigWith(token));
    const asServiceAccount = kc.makeApiClient(CoreV1Api);
    expect((await asServiceAccount.listNamespacedPod({ namespace: 'default' })).kind).toBe('PodList');
    await expect(asServiceAccount.listNamespacedConfigMap({ namespace: 'default' })).rejects.toMatchObject({ code: 403 });
  });

  it('tells kubectl auth whoami the ServiceAccount user and its groups', async () => {
    const whoami = await asToken(token, ['auth', 'whoami', '-o', 'json']);
    expect(whoami.stderr).toBe('');
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      kind: 'SelfSubjectReview',
      status: { userInfo: { username: 'system:serviceaccount:default:x', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] } },
    });
  });

  it('answers kubectl auth can-i from the ServiceAccount bindings', async () => {
    expect((await asToken(token, ['auth', 'can-i', 'list', 'pods'])).stdout.trim()).toBe('yes');
    const secrets = await asToken(token, ['auth', 'can-i', 'list', 'secrets']);
    expect(secrets.stdout.trim()).toBe('no');
    expect(secrets.code).toBe(1);
    expect((await asToken(token, ['auth', 'can-i', 'delete', 'pods'])).stdout.trim()).toBe('no');
  });

  it('matches Group subjects system:serviceaccounts and system:serviceaccounts:<ns>', async () => {
    expect((await asToken(token, ['auth', 'can-i', 'list', 'configmaps'])).stdout.trim()).toBe('no');
    for (const group of ['system:serviceaccounts:default', 'system:serviceaccounts']) {
      await rbac.createNamespacedRoleBinding({
        namespace: 'default',
        body: {
          metadata: { name: 'service-accounts-view' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
          subjects: [{ kind: 'Group', name: group, apiGroup: 'rbac.authorization.k8s.io' }],
        },
      });
      expect((await asToken(token, ['auth', 'can-i', 'list', 'configmaps'])).stdout.trim(), group).toBe('yes');
      expect((await asToken(token, ['get', 'configmaps'])).code, group).toBe(0);
      await rbac.deleteNamespacedRoleBinding({ name: 'service-accounts-view', namespace: 'default' });
      expect((await asToken(token, ['auth', 'can-i', 'list', 'configmaps'])).stdout.trim(), group).toBe('no');
    }
  });

  it('refuses the token request of a user RBAC does not allow', async () => {
    const viewer = await kubectl(['--kubeconfig', sandbox.kubeconfigPath, '--context', 'sandbox-viewer', 'create', 'token', 'x']);
    expect(viewer.stderr).toContain('serviceaccounts "x" is forbidden: User "viewer" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default"');
  });

  it('refuses forged, expired and wrong-audience tokens with 401', async () => {
    const [header, payload] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...payloadOf(token), sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url');
    for (const forged of [`${header}.${forgedPayload}.${token.split('.')[2]}`, `${header}.${payload}.${'A'.repeat(43)}`]) {
      const result = await asToken(forged, ['get', 'pods']);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('You must be logged in to the server');
    }
    const key = Buffer.from(readFileSync(path.join(sandbox.dir, 'service-account.key'), 'utf8').trim(), 'base64');
    const uid = (await core.readNamespacedServiceAccount({ name: 'x', namespace: 'default' })).metadata?.uid ?? '';
    const hourAgo = Math.floor(Date.now() / 1000) - 7200;
    const expired = signServiceAccountToken(key, serviceAccountClaims({ namespace: 'default', name: 'x', uid, audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600, now: hourAgo }));
    expect((await asToken(expired, ['get', 'pods'])).stderr).toContain('You must be logged in to the server');
    const elsewhere = (await admin(['create', 'token', 'x', '--audience', 'https://vault.example'])).stdout.trim();
    expect(payloadOf(elsewhere).aud).toEqual(['https://vault.example']);
    expect((await asToken(elsewhere, ['get', 'pods'])).stderr).toContain('You must be logged in to the server');
  });

  it('stops accepting a token once its ServiceAccount is deleted, even if one of the same name comes back', async () => {
    await core.deleteNamespacedServiceAccount({ name: 'x', namespace: 'default' });
    expect((await asToken(token, ['get', 'pods'])).stderr).toContain('You must be logged in to the server');
    await core.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name: 'x' } } });
    expect((await asToken(token, ['get', 'pods'])).stderr).toContain('You must be logged in to the server');
    const fresh = (await admin(['create', 'token', 'x'])).stdout.trim();
    expect((await asToken(fresh, ['get', 'pods'])).code).toBe(0);
  });
});
