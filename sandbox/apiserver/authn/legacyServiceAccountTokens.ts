import { signJwt, verifiedJwtPayload } from './serviceAccountTokens';

/**
 * Secret-based ("legacy") ServiceAccount tokens, as the token controller writes them into Secrets of
 * type kubernetes.io/service-account-token (pkg/serviceaccount/legacy.go): issuer
 * `kubernetes/serviceaccount`, the subject, and four private claims naming the namespace, the
 * Secret, and the ServiceAccount's name and uid. No audience and no expiry: such a token lives as
 * long as its Secret and its ServiceAccount do. Signed with the same key as TokenRequest tokens
 * (kube-controller-manager's --service-account-private-key-file pairs with the API server's key).
 */
export const legacyIssuer = 'kubernetes/serviceaccount';
export const serviceAccountTokenType = 'kubernetes.io/service-account-token';
export const serviceAccountNameAnnotation = 'kubernetes.io/service-account.name';
export const serviceAccountUidAnnotation = 'kubernetes.io/service-account.uid';
/** Set by the API server on each day a legacy token is used (LegacyServiceAccountTokenTracking). */
export const lastUsedLabel = 'kubernetes.io/legacy-token-last-used';
/** Set by the legacy token cleaner; a token whose Secret carries it is refused. */
export const invalidSinceLabel = 'kubernetes.io/legacy-token-invalid-since';

export interface LegacyClaims {
  iss: string;
  'kubernetes.io/serviceaccount/namespace': string;
  'kubernetes.io/serviceaccount/secret.name': string;
  'kubernetes.io/serviceaccount/service-account.name': string;
  'kubernetes.io/serviceaccount/service-account.uid': string;
  sub: string;
}

/** The claims for `secretName`'s token of a ServiceAccount; keys in the order go-jose writes them (sorted). */
export function legacyClaims(serviceAccount: { namespace: string; name: string; uid: string }, secretName: string): LegacyClaims {
  return {
    iss: legacyIssuer,
    'kubernetes.io/serviceaccount/namespace': serviceAccount.namespace,
    'kubernetes.io/serviceaccount/secret.name': secretName,
    'kubernetes.io/serviceaccount/service-account.name': serviceAccount.name,
    'kubernetes.io/serviceaccount/service-account.uid': serviceAccount.uid,
    sub: `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`,
  };
}

export function signLegacyServiceAccountToken(key: Buffer, claims: LegacyClaims): string {
  return signJwt(key, claims);
}

/** What a legacy token says, once its signature and claims are checked (not yet its Secret). */
export interface LegacyTokenIdentity {
  namespace: string;
  secretName: string;
  serviceAccountName: string;
  serviceAccountUid: string;
}

/**
 * The identity in a legacy token signed with `key`, or undefined: another signer or issuer, a claim
 * missing, or a subject that names another account (the checks of the legacy validator).
 */
export function parseLegacyServiceAccountToken(key: Buffer, token: string): LegacyTokenIdentity | undefined {
  const claims = verifiedJwtPayload(key, token);
  if (!claims || claims.iss !== legacyIssuer) return undefined;
  const text = (name: keyof LegacyClaims) => (typeof claims[name] === 'string' ? (claims[name] as string) : '');
  const identity: LegacyTokenIdentity = {
    namespace: text('kubernetes.io/serviceaccount/namespace'),
    secretName: text('kubernetes.io/serviceaccount/secret.name'),
    serviceAccountName: text('kubernetes.io/serviceaccount/service-account.name'),
    serviceAccountUid: text('kubernetes.io/serviceaccount/service-account.uid'),
  };
  if (!text('sub') || Object.values(identity).some((value) => value === '')) return undefined;
  if (text('sub') !== `system:serviceaccount:${identity.namespace}:${identity.serviceAccountName}`) return undefined;
  return identity;
}
