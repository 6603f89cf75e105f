import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * ServiceAccount tokens as kube-apiserver issues them through the TokenRequest API: a JWT whose
 * claims name the issuer, the audiences, the subject `system:serviceaccount:{ns}:{name}`, the
 * ServiceAccount's namespace, name and uid, and the expiry. The sandbox signs with HMAC-SHA256
 * (a real cluster uses an RSA or EC key; the claims are the same) using a key made on first
 * start and kept in SANDBOX_DIR/service-account.key (0600), so tokens outlive a restart.
 */
export const issuer = 'https://kubernetes.default.svc.cluster.local';
/** The audience the API server itself accepts (its --api-audiences default to the issuer). */
export const apiAudience = issuer;

export interface ServiceAccountClaims {
  iss: string;
  sub: string;
  aud: string[];
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } };
}

export function loadOrCreateSigningKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'service-account.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  writeFileSync(`${file}.tmp`, key.toString('base64'), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return key;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function signature(key: Buffer, signingInput: string): string {
  return createHmac('sha256', key).update(signingInput).digest('base64url');
}

/** A JWT of `payload` signed with the sandbox's key (TokenRequest tokens and legacy Secret tokens alike). */
export function signJwt(key: Buffer, payload: object): string {
  const signingInput = `${header}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${signature(key, signingInput)}`;
}

export function signServiceAccountToken(key: Buffer, claims: ServiceAccountClaims): string {
  return signJwt(key, claims);
}

/** The payload of a JWT this sandbox signed (any claims), or undefined for anything else. */
export function verifiedJwtPayload(key: Buffer, token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== header) return undefined;
  const expected = Buffer.from(signature(key, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the claims for a token of `expirationSeconds` from `now` (seconds since the epoch). */
export function serviceAccountClaims(options: { namespace: string; name: string; uid: string; audiences: string[]; expirationSeconds: number; now: number }): ServiceAccountClaims {
  const { namespace, name, uid, audiences, expirationSeconds, now } = options;
  return {
    iss: issuer,
    sub: `system:serviceaccount:${namespace}:${name}`,
    aud: audiences,
    iat: now,
    nbf: now,
    exp: now + expirationSeconds,
    jti: randomBytes(16).toString('hex'),
    'kubernetes.io': { namespace, serviceaccount: { name, uid } },
  };
}

/** Clock skew tolerated on exp and nbf, as the upstream JWT validator allows. */
const leewaySeconds = 60;

/**
 * The claims of a token this sandbox signed that is valid at `now` for `audience`; undefined for
 * anything else (not a JWT, another signer, expired, not yet valid, wrong audience or issuer).
 */
export function verifyServiceAccountToken(key: Buffer, token: string, now: number, audience = apiAudience): ServiceAccountClaims | undefined {
  const claims = verifiedJwtPayload(key, token) as ServiceAccountClaims | undefined;
  if (!claims || claims.iss !== issuer) return undefined;
  if (typeof claims.exp !== 'number' || now > claims.exp + leewaySeconds) return undefined;
  if (typeof claims.nbf === 'number' && now < claims.nbf - leewaySeconds) return undefined;
  if (!Array.isArray(claims.aud) || !claims.aud.includes(audience)) return undefined;
  const identity = claims['kubernetes.io'];
  if (!identity || typeof identity.namespace !== 'string' || typeof identity.serviceaccount?.name !== 'string' || typeof identity.serviceaccount.uid !== 'string') return undefined;
  if (claims.sub !== `system:serviceaccount:${identity.namespace}:${identity.serviceaccount.name}`) return undefined;
  return claims;
}
