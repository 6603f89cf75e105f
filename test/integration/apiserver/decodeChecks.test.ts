import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRaw, startTestSandbox, type TestSandbox } from '../../support/sandbox';

/**
 * What decoding and options validation refuse before anything is written: wrong JSON types, a body
 * of another kind, unknown dryRun values, and DELETE preconditions that do not hold (409, the object stays).
 */
describe('API server decode checks and delete preconditions', () => {
  let sandbox: TestSandbox;
  let token: string;
  const configMaps = '/api/v1/namespaces/default/configmaps';

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'none' } });
    token = sandbox.kubeConfig('sandbox').getCurrentUser()?.token ?? '';
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  const send = (path: string, method = 'GET', body?: unknown, contentType = 'application/json') =>
    fetchRaw(sandbox, path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': contentType } : {}) } });
  const status = (text: string) => JSON.parse(text) as { code: number; reason: string; message: string };
  const configMap = (name: unknown, data: unknown = { key: 'value' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

  it('keeps an object whose DELETE preconditions do not hold, with 409 Conflict', async () => {
    const created = await send(configMaps, 'POST', configMap('kept'));
    expect(created.status).toBe(201);
    const uid = (JSON.parse(created.text) as { metadata: { uid: string } }).metadata.uid;
    const wrongUid = await send(`${configMaps}/kept`, 'DELETE', { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'wrong' } });
    expect(wrongUid.status).toBe(409);
    expect(status(wrongUid.text)).toMatchObject({ reason: 'Conflict', message: `Operation cannot be fulfilled on configmaps "kept": Precondition failed: UID in precondition: wrong, UID in object meta: ${uid}` });
    const wrongVersion = await send(`${configMaps}/kept`, 'DELETE', { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '1' } });
    expect(wrongVersion.status).toBe(409);
    expect((await send(`${configMaps}/kept`)).status).toBe(200);
    expect((await send(`${configMaps}/kept`, 'DELETE', { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid } })).status).toBe(200);
    expect((await send(`${configMaps}/kept`)).status).toBe(404);
  });

  it('refuses wrong JSON types with 400 and stores nothing', async () => {
    const numericName = await send(configMaps, 'POST', configMap(5));
    expect(numericName.status).toBe(400);
    expect(status(numericName.text).message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string');
    expect((await send(configMaps, 'POST', configMap('numbers', { key: 1 }))).status).toBe(400);
    expect((await send(`${configMaps}/numbers`)).status).toBe(404);
    const replicas = await send('/apis/apps/v1/namespaces/default/statefulsets', 'POST', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'huge' }, spec: { replicas: 2 ** 40 } });
    expect(replicas.status).toBe(400);
    expect(status(replicas.text).message).toContain('cannot unmarshal number 1099511627776 into Go struct field StatefulSetSpec.spec.replicas of type int32');
  });

  it('refuses a patch whose result has a wrong type, leaving the object as it was', async () => {
    expect((await send(configMaps, 'POST', configMap('patched'))).status).toBe(201);
    const patch = await send(`${configMaps}/patched`, 'PATCH', { data: { key: 7 } }, 'application/merge-patch+json');
    expect(patch.status).toBe(400);
    expect((JSON.parse((await send(`${configMaps}/patched`)).text) as { data: Record<string, string> }).data.key).toBe('value');
  });

  it('refuses a body of another kind', async () => {
    const secret = await send(configMaps, 'POST', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'secret-here' }, stringData: { a: 'b' } });
    expect(secret.status).toBe(400);
    expect(status(secret.text).message).toMatch(/^Secret in version "v1" cannot be handled as a ConfigMap/);
    expect((await send(`${configMaps}/secret-here`)).status).toBe(404);
  });

  it('refuses an unknown dryRun value and creates nothing', async () => {
    const bogus = await send(`${configMaps}?dryRun=Bogus`, 'POST', configMap('bogus'));
    expect(bogus.status).toBe(422);
    expect(status(bogus.text).message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Bogus"}: supported values: "All"');
    expect((await send(`${configMaps}/bogus`)).status).toBe(404);
    expect((await send(`${configMaps}?dryRun=All`, 'POST', configMap('bogus'))).status).toBe(201);
    expect((await send(`${configMaps}/bogus`)).status).toBe(404);
  });
});
