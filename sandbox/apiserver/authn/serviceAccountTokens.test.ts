import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiAudience, serviceAccountClaims, signServiceAccountToken, verifyServiceAccountToken } from './serviceAccountTokens';

const key = randomBytes(32);
const now = 1_800_000_000;
const claims = (overrides: Partial<Parameters<typeof serviceAccountClaims>[0]> = {}) =>
  serviceAccountClaims({ namespace: 'default', name: 'x', uid: 'uid-1', audiences: [apiAudience], expirationSeconds: 3600, now, ...overrides });

describe('ServiceAccount tokens', () => {
  it('verifies what it signed, with the claims of a real cluster', () => {
    const token = signServiceAccountToken(key, claims());
    expect(verifyServiceAccountToken(key, token, now + 10)).toMatchObject({
      sub: 'system:serviceaccount:default:x',
      exp: now + 3600,
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'x', uid: 'uid-1' } },
    });
  });

  it('refuses another key, an edited payload, garbage, expiry past the leeway and other audiences', () => {
    const token = signServiceAccountToken(key, claims());
    expect(verifyServiceAccountToken(randomBytes(32), token, now)).toBeUndefined();
    const [header, , signature] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ ...claims(), sub: 'system:serviceaccount:kube-system:root' })).toString('base64url');
    expect(verifyServiceAccountToken(key, `${header}.${edited}.${signature}`, now)).toBeUndefined();
    expect(verifyServiceAccountToken(key, 'not-a-jwt', now)).toBeUndefined();
    expect(verifyServiceAccountToken(key, token, now + 3600 + 59)).toBeDefined();
    expect(verifyServiceAccountToken(key, token, now + 3600 + 61)).toBeUndefined();
    expect(verifyServiceAccountToken(key, signServiceAccountToken(key, claims({ audiences: ['vault'] })), now)).toBeUndefined();
  });
});
