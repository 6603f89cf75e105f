import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { VersionApi } from '@kubernetes/client-node';
import { fetchRaw, startTestSandbox, type TestSandbox } from '../support/sandbox';

describe('sandbox process', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('serves /version through client-node', async () => {
    const version = await sandbox.kubeConfig().makeApiClient(VersionApi).getCode();
    expect(version.major).toBe('1');
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+/);
  });

  it('writes its kubeconfig readable only by its owner', () => {
    expect(statSync(sandbox.kubeconfigPath).mode & 0o777).toBe(0o600);
  });

  it('refuses a request without a token with a 401 Status', async () => {
    const response = await fetchRaw(sandbox, '/version');
    expect(response.status).toBe(401);
    const body = JSON.parse(response.text) as { kind: string; code: number };
    expect(body).toMatchObject({ kind: 'Status', code: 401 });
  });

  it('refuses a wrong token', async () => {
    const response = await fetchRaw(sandbox, '/api', { headers: { Authorization: 'Bearer not-the-token' } });
    expect(response.status).toBe(401);
  });
});
