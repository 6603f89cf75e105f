import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { enforceToken, sessionCookie, sessionValue } from './tokenAuth';

/** The token gate as server.ts uses it, on a plain HTTP server whose only other answer is "app". */
const token = 'correct-horse-battery-staple-123456';

describe('DASHBOARD_TOKEN gate', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (enforceToken(req, res, token)) return;
      res.end('app');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses API calls without the token with a JSON 401 and sends pages to the login form', async () => {
    const api = await fetch(`${base}/api/contexts`);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: 'Login required' });
    const page = await fetch(`${base}/sts/web`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fsts%2Fweb');
    const form = await fetch(`${base}/login`);
    expect(await form.text()).toContain('<form method="post" action="/api/login">');
  });

  it('accepts a bearer token, and a wrong one not', async () => {
    expect(await (await fetch(`${base}/api/contexts`, { headers: { Authorization: `Bearer ${token}` } })).text()).toBe('app');
    expect((await fetch(`${base}/api/contexts`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('logs in with the form: an HttpOnly SameSite=Strict cookie that is not the token, then the page', async () => {
    const wrong = await fetch(`${base}/api/login`, { method: 'POST', body: new URLSearchParams({ token: 'nope' }), redirect: 'manual' });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${base}/api/login`, { method: 'POST', body: new URLSearchParams({ token, next: '/sts/web' }), redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/sts/web');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${sessionCookie}=${sessionValue(token)}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(token);
    const page = await fetch(`${base}/sts/web`, { headers: { cookie: cookie.split(';')[0] } });
    expect(await page.text()).toBe('app');
  });

  it('never redirects off-site after login', async () => {
    const login = await fetch(`${base}/api/login`, { method: 'POST', body: new URLSearchParams({ token, next: '//evil.example/' }), redirect: 'manual' });
    expect(login.headers.get('location')).toBe('/');
  });

  it('leaves the health check open for probes', async () => {
    expect(await (await fetch(`${base}/api/health`)).text()).toBe('app');
  });
});
