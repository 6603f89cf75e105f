import { resources } from '../registry/clusterClient';
import type { Registry } from '../registry/genericRegistry';
import { createLegacyServiceAccountAuthenticator } from './legacyServiceAccountAuthenticator';
import type { UserInfo } from './tokenAuthenticator';
import { verifyServiceAccountToken } from './serviceAccountTokens';

/**
 * Authenticates bearer tokens issued by the TokenRequest API, as kube-apiserver's service account
 * authenticator does: a valid signature and expiry are not enough, the ServiceAccount must still
 * exist with the uid the token names (a token outlives nothing it was made for). The user is
 * `system:serviceaccount:{ns}:{name}` in the groups RBAC bindings for service accounts name.
 * Tokens of the legacy issuer (Secret-based, from the token controller) go to the legacy validator.
 */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

export function createServiceAccountAuthenticator(
  key: Buffer,
  registry: Pick<Registry, 'getStored' | 'patch'>,
  now: () => number = () => Math.floor(Date.now() / 1000),
): (token: string) => UserInfo | undefined {
  const legacy = createLegacyServiceAccountAuthenticator(key, registry, serviceAccountUser, { nowMs: () => now() * 1000 });
  return (token) => {
    const claims = verifyServiceAccountToken(key, token, now());
    if (!claims) return legacy(token);
    const { namespace, serviceaccount } = claims['kubernetes.io'];
    const stored = registry.getStored(resources.serviceAccounts, namespace, serviceaccount.name);
    if (!stored || stored.object.metadata.uid !== serviceaccount.uid || stored.object.metadata.deletionTimestamp) return undefined;
    return serviceAccountUser(namespace, serviceaccount.name);
  };
}

/** Bearer-token authentication by several authenticators in turn, the first to know the token wins. */
export function bearerTokenChain(...authenticators: Array<(token: string) => UserInfo | undefined>): (authorization: string | undefined) => UserInfo | undefined {
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    for (const authenticate of authenticators) {
      const user = authenticate(match[1]);
      if (user) return user;
    }
    return undefined;
  };
}
