import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { legacyClaims, parseLegacyServiceAccountToken, signLegacyServiceAccountToken } from './legacyServiceAccountTokens';
import { apiAudience, serviceAccountClaims, signJwt, signServiceAccountToken, verifyServiceAccountToken } from './serviceAccountTokens';

const key = randomBytes(32);
const account = { namespace: 'default', name: 'ci', uid: 'uid-1' };

describe('legacy ServiceAccount tokens', () => {
  it('reads back what it signed: namespace, Secret, account name and uid', () => {
    const token = signLegacyServiceAccountToken(key, legacyClaims(account, 'ci-token'));
    expect(parseLegacyServiceAccountToken(key, token)).toEqual({ namespace: 'default', secretName: 'ci-token', serviceAccountName: 'ci', serviceAccountUid: 'uid-1' });
    // Not a TokenRequest token: no audience, no expiry.
    expect(verifyServiceAccountToken(key, token, Math.floor(Date.now() / 1000))).toBeUndefined();
  });

  it('refuses another signer, another issuer, a missing claim and a subject naming someone else', () => {
    const claims = legacyClaims(account, 'ci-token');
    expect(parseLegacyServiceAccountToken(randomBytes(32), signLegacyServiceAccountToken(key, claims))).toBeUndefined();
    expect(parseLegacyServiceAccountToken(key, signJwt(key, { ...claims, iss: 'someone-else' }))).toBeUndefined();
    expect(parseLegacyServiceAccountToken(key, signJwt(key, { ...claims, 'kubernetes.io/serviceaccount/secret.name': '' }))).toBeUndefined();
    expect(parseLegacyServiceAccountToken(key, signJwt(key, { ...claims, sub: 'system:serviceaccount:kube-system:ci' }))).toBeUndefined();
    const bound = signServiceAccountToken(key, serviceAccountClaims({ ...account, audiences: [apiAudience], expirationSeconds: 3600, now: 1_800_000_000 }));
    expect(parseLegacyServiceAccountToken(key, bound)).toBeUndefined();
  });
});
