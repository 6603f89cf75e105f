import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { fetchRaw, startTestSandbox, type TestSandbox } from '../../support/sandbox';

/**
 * Authentication, RBAC with the real 403 wording, SelfSubjectAccessReview, and the answers to
 * requests that are wrong on the wire: 400, 404, 405, 413. Afterwards the server still serves.
 */
describe('API server security and error answers', () => {
  let sandbox: TestSandbox;
  let adminToken: string;
  let viewerToken: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'none' } });
    adminToken = sandbox.kubeConfig('sandbox').getCurrentUser()?.token ?? '';
    viewerToken = sandbox.kubeConfig('sandbox-viewer').getCurrentUser()?.token ?? '';
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  const request = (token: string, path: string, init: { method?: string; body?: string; contentType?: string } = {}) =>
    fetchRaw(sandbox, path, {
      method: init.method,
      body: init.body,
      headers: { Authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'Content-Type': init.contentType ?? 'application/json' } : {}) },
    });
  const status = (text: string) => JSON.parse(text) as { kind: string; code: number; reason: string; message: string };

  it('refuses missing and wrong tokens with 401', async () => {
    expect((await fetchRaw(sandbox, '/api/v1/pods')).status).toBe(401);
    const wrong = await request('nope', '/api/v1/namespaces');
    expect(wrong.status).toBe(401);
    expect(status(wrong.text)).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('lets the viewer read but not write, exec or read secrets, in the real words', async () => {
    expect((await request(viewerToken, '/api/v1/namespaces/default/pods')).status).toBe(200);
    const secrets = await request(viewerToken, '/api/v1/namespaces/default/secrets');
    expect(secrets.status).toBe(403);
    expect(status(secrets.text).message).toBe('secrets is forbidden: User "viewer" cannot list resource "secrets" in API group "" in the namespace "default"');
    const exec = await request(viewerToken, '/api/v1/namespaces/default/pods/web-0/exec?command=ls', { method: 'POST', body: '' });
    expect(exec.status).toBe(403);
    expect(status(exec.text).message).toBe('pods "web-0" is forbidden: User "viewer" cannot create resource "pods/exec" in API group "" in the namespace "default"');
    const create = await request(viewerToken, '/apis/apps/v1/namespaces/default/statefulsets', { method: 'POST', body: '{}' });
    expect(status(create.text).message).toBe('statefulsets.apps is forbidden: User "viewer" cannot create resource "statefulsets" in API group "apps" in the namespace "default"');
    const roles = await request(viewerToken, '/apis/rbac.authorization.k8s.io/v1/clusterroles');
    expect(status(roles.text).message).toBe(
      'clusterroles.rbac.authorization.k8s.io is forbidden: User "viewer" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
    );
  });

  it('applies an RBAC change to the very next request (Role + RoleBinding, resourceNames)', async () => {
    const rbac = (path: string, body: object) => request(adminToken, `/apis/rbac.authorization.k8s.io/v1/namespaces/default/${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await rbac('roles', { metadata: { name: 'one-secret' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['allowed'] }] })).status).toBe(201);
    expect(
      (
        await rbac('rolebindings', {
          metadata: { name: 'viewer-one-secret' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'one-secret' },
          subjects: [{ kind: 'User', name: 'viewer', apiGroup: 'rbac.authorization.k8s.io' }],
        })
      ).status,
    ).toBe(201);
    await request(adminToken, '/api/v1/namespaces/default/secrets', { method: 'POST', body: JSON.stringify({ metadata: { name: 'allowed' }, stringData: { a: 'b' } }) });
    expect((await request(viewerToken, '/api/v1/namespaces/default/secrets/allowed')).status).toBe(200);
    expect((await request(viewerToken, '/api/v1/namespaces/default/secrets/other')).status).toBe(403);
    expect((await request(viewerToken, '/api/v1/namespaces/default/secrets')).status).toBe(403);
  });

  it('answers SelfSubjectAccessReview from the same rules', async () => {
    const review = (token: string, attributes: object) =>
      sandbox.kubeConfig(token === adminToken ? 'sandbox' : 'sandbox-viewer').makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
        body: { spec: { resourceAttributes: attributes } },
      });
    expect((await review(viewerToken, { namespace: 'default', verb: 'list', resource: 'pods' })).status?.allowed).toBe(true);
    expect((await review(viewerToken, { namespace: 'default', verb: 'create', resource: 'pods', subresource: 'exec' })).status?.allowed).toBe(false);
    expect((await review(viewerToken, { namespace: 'default', verb: 'patch', group: 'apps', resource: 'statefulsets', subresource: 'scale' })).status?.allowed).toBe(false);
    expect((await review(adminToken, { namespace: 'default', verb: 'patch', group: 'apps', resource: 'statefulsets', subresource: 'scale' })).status?.allowed).toBe(true);
  });

  it('answers malformed bodies 400, unknown paths 404, wrong methods 405 and huge bodies 413, and keeps serving', async () => {
    const malformed = await request(adminToken, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: '{"metadata": ' });
    expect(malformed.status).toBe(400);
    expect(status(malformed.text).reason).toBe('BadRequest');
    const badYaml = await request(adminToken, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: 'a: [b', contentType: 'application/yaml' });
    expect(badYaml.status).toBe(400);
    const notObject = await request(adminToken, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: '[1,2]' });
    expect(notObject.status).toBe(400);
    const badPatch = await request(adminToken, '/api/v1/namespaces/default/configmaps/x', { method: 'PATCH', body: '{}', contentType: 'text/plain' });
    expect(badPatch.status).toBe(415);
    expect((await request(adminToken, '/api/v1/frobnicators')).status).toBe(404);
    expect((await request(adminToken, '/apis/nope.example.com/v1/things')).status).toBe(404);
    expect((await request(adminToken, '/no/such/path')).status).toBe(404);
    const wrongMethod = await request(adminToken, '/api/v1/namespaces/default/configmaps', { method: 'PUT', body: '{}' });
    expect(wrongMethod.status).toBe(405);
    expect(status(wrongMethod.text).reason).toBe('MethodNotAllowed');
    const huge = await request(adminToken, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: JSON.stringify({ metadata: { name: 'huge' }, data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } }) });
    expect(huge.status).toBe(413);
    const names = (await sandbox.kubeConfig().makeApiClient(CoreV1Api).listNamespace()).items.map((item) => item.metadata?.name);
    expect(names).toContain('default');
  });

  it('serves health checks and version', async () => {
    expect((await request(adminToken, '/healthz')).text).toBe('ok');
    expect((await request(adminToken, '/readyz')).status).toBe(200);
    expect((await request(adminToken, '/livez')).status).toBe(200);
    expect(JSON.parse((await request(adminToken, '/version')).text)).toMatchObject({ major: '1' });
  });
});
