import { describe, expect, it } from 'vitest';
import { imageBody, podManagementPolicyBody, rollbackBody, scaleBody, trafficBody, updateStrategyBody } from './schemas';
import { parseJsonBody, maxBodyBytes } from './jsonBody';
import { HttpError } from './httpError';
import { dns1123LabelProblem, dns1123SubdomainProblem, requireObjectName } from './names';
import { sameOriginProblem } from './sameOrigin';
import { redactSecrets } from './redact';
import { visitsPathProblem } from '../visits/visitsPath';
import { hostProblem } from './allowedHost';

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1:3000/api/x', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

async function problem(schema: Parameters<typeof parseJsonBody>[1], body: unknown): Promise<HttpError> {
  try {
    await parseJsonBody(post(JSON.stringify(body)), schema);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('request bodies', () => {
  it('accepts valid bodies', async () => {
    await expect(parseJsonBody(post('{"replicas":3}'), scaleBody)).resolves.toEqual({ replicas: 3 });
    await expect(parseJsonBody(post('{"container":"app","image":"visits-app:2.0","partition":2}'), imageBody)).resolves.toEqual({ container: 'app', image: 'visits-app:2.0', partition: 2 });
    await expect(parseJsonBody(post('{"requests":100,"concurrency":4}'), trafficBody)).resolves.toEqual({ requests: 100, concurrency: 4, path: '/', newConnectionPerRequest: false });
    await expect(parseJsonBody(post('{"revision":2}'), rollbackBody)).resolves.toEqual({ revision: 2 });
  });

  it('names the field and the reason of each problem', async () => {
    expect((await problem(scaleBody, { replicas: 1001 })).toBody()).toEqual({ error: 'Invalid replicas', detail: 'replicas: must be at most 1000', field: 'replicas' });
    expect((await problem(scaleBody, { replicas: 1.5 })).field).toBe('replicas');
    expect((await problem(scaleBody, { replicas: -1 })).detail).toBe('replicas: must be 0 or more');
    expect((await problem(scaleBody, { replicas: '3' })).detail).toBe('replicas: must be a number');
    expect((await problem(scaleBody, { replicas: 1, extra: true })).status).toBe(400);
    expect((await problem(imageBody, { container: 'App!', image: 'x' })).field).toBe('container');
    expect((await problem(imageBody, { container: 'app', image: 'visits app; rm -rf /' })).field).toBe('image');
    expect((await problem(updateStrategyBody, { type: 'Recreate' })).detail).toBe('type: must be "RollingUpdate" or "OnDelete"');
    expect((await problem(updateStrategyBody, { type: 'OnDelete', partition: 1 })).field).toBe('partition');
    expect((await problem(podManagementPolicyBody, { policy: 'Random' })).field).toBe('policy');
    expect((await problem(trafficBody, { requests: 20001, concurrency: 1 })).field).toBe('requests');
    expect((await problem(trafficBody, { requests: 1, concurrency: 65 })).field).toBe('concurrency');
    expect((await problem(trafficBody, { requests: 1, concurrency: 1, ratePerSecond: 2001 })).field).toBe('ratePerSecond');
    expect((await problem(trafficBody, { requests: 1, concurrency: 1, path: '/../secret' })).field).toBe('path');
    expect((await problem(trafficBody, { requests: 1, concurrency: 1, newConnectionPerRequest: 'yes' })).field).toBe('newConnectionPerRequest');
  });

  it('refuses broken JSON and bodies over 64 KiB', async () => {
    await expect(parseJsonBody(post('{"replicas":'), scaleBody)).rejects.toMatchObject({ status: 400, field: 'body' });
    await expect(parseJsonBody(post(JSON.stringify({ replicas: 1, pad: 'x'.repeat(maxBodyBytes) })), scaleBody)).rejects.toMatchObject({ status: 413 });
  });
});

describe('names and paths', () => {
  it('checks DNS-1123 labels and subdomains', () => {
    expect(dns1123LabelProblem('default')).toBeUndefined();
    expect(dns1123LabelProblem('Default')).toMatch(/DNS-1123 label/);
    expect(dns1123LabelProblem('a'.repeat(64))).toMatch(/at most 63/);
    expect(dns1123SubdomainProblem('web.v2-0')).toBeUndefined();
    expect(dns1123SubdomainProblem('../pods')).toMatch(/DNS-1123 subdomain/);
    expect(() => requireObjectName('web/../x', 'pod')).toThrow(HttpError);
  });

  it('accepts only safe relative visits paths', () => {
    expect(visitsPathProblem('data/visits.txt')).toBeUndefined();
    expect(visitsPathProblem('/etc/passwd')).toMatch(/relative/);
    expect(visitsPathProblem('data/../../etc/passwd')).toMatch(/\.\./);
    expect(visitsPathProblem('-n')).toMatch(/-/);
    expect(visitsPathProblem('data/$(id)')).toMatch(/only letters/);
  });
});

describe('same-origin check', () => {
  const headers = (entries: Record<string, string>) => new Headers({ host: '127.0.0.1:3000', ...entries });
  it('accepts the dashboard origin and Sec-Fetch-Site same-origin', () => {
    expect(sameOriginProblem(headers({ origin: 'http://127.0.0.1:3000' }))).toBeUndefined();
    expect(sameOriginProblem(headers({ 'sec-fetch-site': 'same-origin' }))).toBeUndefined();
  });
  it('refuses other origins, cross-site fetches and requests that prove nothing', () => {
    expect(sameOriginProblem(headers({ origin: 'http://evil.example' }))).toMatch(/evil\.example/);
    expect(sameOriginProblem(headers({ 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:3000' }))).toMatch(/cross-site/);
    expect(sameOriginProblem(headers({ origin: 'null' }))).toMatch(/opaque/);
    expect(sameOriginProblem(headers({}))).toMatch(/neither Origin nor Sec-Fetch-Site/);
  });
});

describe('redaction', () => {
  it('removes tokens, keys and known secrets', () => {
    const text = redactSecrets('Authorization: Bearer abc.def-123 token: s3cr3t-value client-key-data: LS0tLS1CRUdJTi and -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- mytoken123', ['mytoken123']);
    expect(text).not.toMatch(/abc\.def-123|s3cr3t-value|LS0tLS1CRUdJTi|MIIE|mytoken123/);
  });
});

describe('DNS rebinding guard', () => {
  it('accepts loopback hosts, the configured HOST and listed names, and nothing else', () => {
    expect(hostProblem('127.0.0.1:3000', {})).toBeUndefined();
    expect(hostProblem('localhost:3000', {})).toBeUndefined();
    expect(hostProblem('[::1]:3000', {})).toBeUndefined();
    expect(hostProblem('evil.example:3000', {})).toMatch(/evil\.example/);
    expect(hostProblem('dashboard.internal', { HOST: 'dashboard.internal' })).toBeUndefined();
    expect(hostProblem('sts.example.com', { DASHBOARD_ALLOWED_HOSTS: 'a.example, sts.example.com' })).toBeUndefined();
    expect(hostProblem(undefined, {})).toMatch(/no Host/);
  });
});
