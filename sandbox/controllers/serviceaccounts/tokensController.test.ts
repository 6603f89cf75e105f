import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceAccountAuthenticator } from '../../apiserver/authn/serviceAccountAuthenticator';
import { resources } from '../../apiserver/registry/clusterClient';
import { Registry } from '../../apiserver/registry/genericRegistry';
import { defaultCatalog } from '../../apiserver/registry/strategyCatalog';
import type { SandboxContext } from '../../context';
import { ObjectStore } from '../../store/objectStore';
import { startTokensController, type Secret, type ServiceAccount, type TokensController } from './tokensController';

/** The token controller on the sandbox's real registry, with the API server's authenticator reading what it writes. */
const key = randomBytes(32);
const rootCA = '-----BEGIN CERTIFICATE-----\nsandbox-ca\n-----END CERTIFICATE-----\n';
let running: TokensController | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start() {
  const registry = new Registry(ObjectStore.inMemory(), defaultCatalog());
  await registry.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const logs: string[] = [];
  const ctx: SandboxContext = { client: registry, dataDir: '/nonexistent', rootDir: '/nonexistent', speed: 0.05, recordEvent: () => undefined, log: (component, message) => logs.push(`${component}: ${message}`) };
  running = startTokensController(ctx, { signingKey: key, rootCA });
  return { registry, logs, authenticate: createServiceAccountAuthenticator(key, registry) };
}

async function until<T>(probe: () => T | undefined | false): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}

const tokenSecret = (name: string, annotations: Record<string, string>): Secret => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default', annotations }, type: 'kubernetes.io/service-account-token' });
const serviceAccount = (name: string): ServiceAccount => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'default' } });
const decode = (value: string | undefined) => Buffer.from(value ?? '', 'base64').toString('utf8');

describe('ServiceAccount token controller', () => {
  it('fills a token Secret with a legacy JWT, the namespace, the CA and the uid annotation', async () => {
    const { registry, authenticate } = await start();
    const account = await registry.create(resources.serviceAccounts, serviceAccount('builder'));
    await registry.create(resources.secrets, tokenSecret('builder-token', { 'kubernetes.io/service-account.name': 'builder' }));
    const filled = await until(() => {
      const secret = registry.get<Secret>(resources.secrets, 'default', 'builder-token');
      return secret?.data?.token ? secret : undefined;
    });
    expect(decode(filled.data?.namespace)).toBe('default');
    expect(decode(filled.data?.['ca.crt'])).toBe(rootCA);
    expect(filled.metadata.annotations?.['kubernetes.io/service-account.uid']).toBe(account.metadata.uid);
    const token = decode(filled.data?.token);
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))).toEqual({
      iss: 'kubernetes/serviceaccount',
      'kubernetes.io/serviceaccount/namespace': 'default',
      'kubernetes.io/serviceaccount/secret.name': 'builder-token',
      'kubernetes.io/serviceaccount/service-account.name': 'builder',
      'kubernetes.io/serviceaccount/service-account.uid': account.metadata.uid,
      sub: 'system:serviceaccount:default:builder',
    });
    expect(authenticate(token)?.name).toBe('system:serviceaccount:default:builder');
    // Idempotent: a second look changes nothing.
    const resourceVersion = filled.metadata.resourceVersion;
    await registry.patch(resources.secrets, 'default', 'builder-token', (current) => ({ ...current, metadata: { ...current.metadata, labels: { touched: 'yes' } } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = registry.get<Secret>(resources.secrets, 'default', 'builder-token');
    expect(after?.data?.token).toBe(filled.data?.token);
    expect(Number(after?.metadata.resourceVersion)).toBeGreaterThan(Number(resourceVersion));
  });

  it('deletes a token Secret whose ServiceAccount does not exist, or has another uid', async () => {
    const { registry } = await start();
    await registry.create(resources.secrets, tokenSecret('orphan', { 'kubernetes.io/service-account.name': 'nobody' }));
    await until(() => !registry.get(resources.secrets, 'default', 'orphan'));
    await registry.create(resources.serviceAccounts, serviceAccount('x'));
    await registry.create(resources.secrets, tokenSecret('stale-uid', { 'kubernetes.io/service-account.name': 'x', 'kubernetes.io/service-account.uid': 'not-its-uid' }));
    await until(() => !registry.get(resources.secrets, 'default', 'stale-uid'));
  });

  it('revokes: deleting the ServiceAccount deletes its token Secrets; deleting the Secret stops the token', async () => {
    const { registry, authenticate } = await start();
    await registry.create(resources.serviceAccounts, serviceAccount('x'));
    await registry.create(resources.secrets, tokenSecret('x-one', { 'kubernetes.io/service-account.name': 'x' }));
    await registry.create(resources.secrets, tokenSecret('x-two', { 'kubernetes.io/service-account.name': 'x' }));
    const tokens = await until(() => {
      const found = ['x-one', 'x-two'].map((name) => decode(registry.get<Secret>(resources.secrets, 'default', name)?.data?.token));
      return found.every(Boolean) ? found : undefined;
    });
    expect(tokens.map((token) => authenticate(token)?.name)).toEqual(['system:serviceaccount:default:x', 'system:serviceaccount:default:x']);
    await registry.delete(resources.secrets, 'default', 'x-one');
    expect(authenticate(tokens[0])).toBeUndefined();
    expect(authenticate(tokens[1])).toBeDefined();
    await registry.delete(resources.serviceAccounts, 'default', 'x');
    expect(authenticate(tokens[1])).toBeUndefined();
    await until(() => !registry.get(resources.secrets, 'default', 'x-two'));
  });

  it('drops a deleted token Secret from its ServiceAccount secrets list, and leaves other Secrets alone', async () => {
    const { registry } = await start();
    await registry.create(resources.serviceAccounts, { ...serviceAccount('old'), secrets: [{ name: 'old-token' }, { name: 'other' }] });
    await registry.create(resources.secrets, tokenSecret('old-token', { 'kubernetes.io/service-account.name': 'old' }));
    await registry.create(resources.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'plain', namespace: 'default' }, data: { a: 'Yg==' } });
    await until(() => registry.get<Secret>(resources.secrets, 'default', 'old-token')?.data?.token);
    await registry.delete(resources.secrets, 'default', 'old-token');
    await until(() => registry.get<ServiceAccount>(resources.serviceAccounts, 'default', 'old')?.secrets?.length === 1);
    expect(registry.get<ServiceAccount>(resources.serviceAccounts, 'default', 'old')?.secrets).toEqual([{ name: 'other' }]);
    expect(registry.get<Secret>(resources.secrets, 'default', 'plain')?.data).toEqual({ a: 'Yg==' });
  });

  it('refuses a token edited by hand, a token whose Secret holds another one, and an invalidated one', async () => {
    const { registry, authenticate } = await start();
    await registry.create(resources.serviceAccounts, serviceAccount('x'));
    await registry.create(resources.secrets, tokenSecret('x-token', { 'kubernetes.io/service-account.name': 'x' }));
    const token = await until(() => decode(registry.get<Secret>(resources.secrets, 'default', 'x-token')?.data?.token) || undefined);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), sub: 'system:serviceaccount:default:admin' })).toString('base64url');
    expect(authenticate(`${header}.${forged}.${signature}`)).toBeUndefined();
    await registry.patch(resources.secrets, 'default', 'x-token', (current) => ({ ...current, metadata: { ...current.metadata, labels: { 'kubernetes.io/legacy-token-invalid-since': '2026-01-01' } } }));
    expect(authenticate(token)).toBeUndefined();
    await registry.patch(resources.secrets, 'default', 'x-token', (current) => ({ ...current, metadata: { ...current.metadata, labels: {} }, data: { ...(current.data as object), token: Buffer.from('other').toString('base64') } }));
    expect(authenticate(token)).toBeUndefined();
  });

  it('labels the Secret with the day its token was last used', async () => {
    const { registry, authenticate } = await start();
    await registry.create(resources.serviceAccounts, serviceAccount('x'));
    await registry.create(resources.secrets, tokenSecret('x-token', { 'kubernetes.io/service-account.name': 'x' }));
    const token = await until(() => decode(registry.get<Secret>(resources.secrets, 'default', 'x-token')?.data?.token) || undefined);
    expect(authenticate(token)).toBeDefined();
    const label = await until(() => registry.get<Secret>(resources.secrets, 'default', 'x-token')?.metadata.labels?.['kubernetes.io/legacy-token-last-used']);
    expect(label).toBe(new Date().toISOString().slice(0, 10));
  });
});
