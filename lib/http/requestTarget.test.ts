import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestTargetProblem } from './requestTarget';

const request = (host: string | undefined, url = '/api/contexts') => ({ headers: host === undefined ? {} : { host }, url }) as IncomingMessage;

describe('requestTargetProblem', () => {
  it('lets requests addressed to this machine through', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', '127.0.0.1']) expect(requestTargetProblem(request(host), '127.0.0.1')).toBeUndefined();
  });

  it('refuses another Host while listening on loopback (DNS rebinding)', () => {
    expect(requestTargetProblem(request('evil.example:3000'), '127.0.0.1')).toMatchObject({ status: 403 });
    expect(requestTargetProblem(request(undefined), '127.0.0.1')).toMatchObject({ status: 403 });
  });

  it('accepts any Host when listening beyond loopback (a cluster Service or an ingress)', () => {
    expect(requestTargetProblem(request('dashboard.example.com'), '0.0.0.0')).toBeUndefined();
  });

  it('refuses a path with broken percent-encoding', () => {
    expect(requestTargetProblem(request('127.0.0.1:3000', '/api/contexts/%E0%A4%A/namespaces'), '127.0.0.1')).toMatchObject({ status: 400 });
    expect(requestTargetProblem(request('127.0.0.1:3000', '/api/contexts/a%2Fb?x=%'), '127.0.0.1')).toBeUndefined();
  });
});
