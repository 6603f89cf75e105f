import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Bearer tokens, like kube-apiserver's static token file: one per sandbox user, made on first start
 * and kept in SANDBOX_DIR/tokens.json (0600). Users belong to `system:authenticated`, which the
 * discovery and self-review roles are bound to, exactly as on a real cluster.
 */
export interface UserInfo {
  name: string;
  groups: string[];
}

export interface Tokens {
  admin: string;
  viewer: string;
}

export function loadOrCreateTokens(dataDir: string): Tokens {
  const file = path.join(dataDir, 'tokens.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Tokens;
  const tokens = { admin: randomBytes(24).toString('hex'), viewer: randomBytes(24).toString('hex') };
  writeFileSync(`${file}.tmp`, JSON.stringify(tokens), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return tokens;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createTokenAuthenticator(tokens: Tokens): (authorization: string | undefined) => UserInfo | undefined {
  const users: Array<[string, UserInfo]> = [
    [tokens.admin, { name: 'admin', groups: ['system:authenticated'] }],
    [tokens.viewer, { name: 'viewer', groups: ['system:authenticated'] }],
  ];
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    for (const [token, user] of users) if (same(match[1], token)) return user;
    return undefined;
  };
}
