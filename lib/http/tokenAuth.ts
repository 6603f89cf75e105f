import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loginPage } from './loginPage';

/**
 * DASHBOARD_TOKEN: when set, every page, API call and WebSocket needs it, either as
 * `Authorization: Bearer <token>` or as the session cookie the login form sets (HttpOnly,
 * SameSite=Strict). The cookie holds an HMAC derived from the token, never the token itself.
 * Enforced in server.ts before Next.js sees the request.
 */
export const sessionCookie = 'sts_explorer_session';
const maxLoginBody = 8 * 1024;
const open = new Set(['/login', '/api/login', '/api/health']);

export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('sts-explorer session v1').digest('base64url');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) out.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return out;
}

export function isAuthenticated(req: IncomingMessage, token: string): boolean {
  const authorization = req.headers.authorization ?? '';
  if (/^bearer /i.test(authorization) && same(authorization.slice(7).trim(), token)) return true;
  const cookie = cookies(req.headers.cookie).get(sessionCookie);
  return cookie !== undefined && same(cookie, sessionValue(token));
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://dashboard').pathname;
}

function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxLoginBody) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleLogin(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://dashboard');
  if (req.method === 'GET' && url.pathname === '/login') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' });
    res.end(loginPage({ next: safeNext(url.searchParams.get('next')) }));
    return;
  }
  if (req.method !== 'POST' || url.pathname !== '/api/login') {
    res.writeHead(405, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'Method not allowed', detail: 'Log in with POST /api/login.' }));
    return;
  }
  const body = await readBody(req);
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  let given = '';
  let next = '/';
  if (body !== undefined && type === 'application/json') {
    try {
      const parsed = JSON.parse(body) as { token?: unknown; next?: unknown };
      given = typeof parsed.token === 'string' ? parsed.token : '';
      next = safeNext(typeof parsed.next === 'string' ? parsed.next : null);
    } catch {
      given = '';
    }
  } else if (body !== undefined) {
    const form = new URLSearchParams(body);
    given = form.get('token') ?? '';
    next = safeNext(form.get('next'));
  }
  if (!given || !same(given, token)) {
    const wantsJson = type === 'application/json';
    res.writeHead(401, { 'Content-Type': wantsJson ? 'application/json' : 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(wantsJson ? JSON.stringify({ error: 'Wrong token', detail: 'The token does not match DASHBOARD_TOKEN.' }) : loginPage({ next, error: 'That token is not right.' }));
    return;
  }
  const secure = (req.headers['x-forwarded-proto'] ?? '') === 'https' || (req.socket as { encrypted?: boolean }).encrypted ? '; Secure' : '';
  res.setHeader('Set-Cookie', `${sessionCookie}=${sessionValue(token)}; HttpOnly; SameSite=Strict; Path=/${secure}`);
  if (type === 'application/json') res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true }));
  else res.writeHead(303, { Location: next }).end();
}

/**
 * Returns true when it answered the request itself (login page, login post, or a refusal); false
 * when the request may go on to Next.js.
 */
export function enforceToken(req: IncomingMessage, res: ServerResponse, token: string | undefined): boolean {
  if (!token) return false;
  const path = pathOf(req);
  if (path === '/login' || path === '/api/login') {
    void handleLogin(req, res, token).catch(() => res.writeHead(400).end());
    return true;
  }
  if (open.has(path) || isAuthenticated(req, token)) return false;
  if (path.startsWith('/api/')) {
    res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' });
    res.end(JSON.stringify({ error: 'Login required', detail: 'This dashboard needs its token: log in at /login or send Authorization: Bearer <token>.' }));
  } else {
    res.writeHead(302, { Location: `/login?next=${encodeURIComponent(req.url ?? '/')}` }).end();
  }
  return true;
}
