import { timingSafeEqual } from 'node:crypto';
import { resources } from '../registry/clusterClient';
import type { Registry } from '../registry/genericRegistry';
import type { UserInfo } from './tokenAuthenticator';
import { invalidSinceLabel, lastUsedLabel, parseLegacyServiceAccountToken } from './legacyServiceAccountTokens';

/**
 * Authenticates Secret-based ServiceAccount tokens like kube-apiserver's legacy validator: the
 * signature and claims must hold, the Secret the token names must still exist (not being deleted)
 * and hold exactly this token, and the ServiceAccount must exist with the uid in the token. So
 * deleting the Secret or the ServiceAccount revokes the token at once. A Secret labelled
 * kubernetes.io/legacy-token-invalid-since is refused. Each day a token is used, its Secret gets
 * the label kubernetes.io/legacy-token-last-used=<UTC date>, as on a real cluster.
 */
type SecretObject = { metadata: { uid?: string; labels?: Record<string, string>; deletionTimestamp?: string }; data?: Record<string, string> };

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createLegacyServiceAccountAuthenticator(
  key: Buffer,
  registry: Pick<Registry, 'getStored' | 'patch'>,
  userOf: (namespace: string, name: string) => UserInfo,
  options: { nowMs?: () => number; log?: (message: string) => void } = {},
): (token: string) => UserInfo | undefined {
  const nowMs = options.nowMs ?? Date.now;

  function recordUse(namespace: string, name: string, secret: SecretObject): void {
    const today = utcDate(nowMs());
    const tomorrow = utcDate(nowMs() + 24 * 3600 * 1000);
    const lastUsed = secret.metadata.labels?.[lastUsedLabel];
    if (lastUsed === today || lastUsed === tomorrow) return;
    const uid = secret.metadata.uid;
    registry
      .patch(resources.secrets, namespace, name, (current) => {
        // The upstream merge patch carries the Secret's uid as a precondition.
        if (current.metadata.uid !== uid) throw new Error('the Secret was replaced');
        current.metadata.labels = { ...(current.metadata.labels ?? {}), [lastUsedLabel]: today };
        return current;
      })
      .catch((error: unknown) => options.log?.(`could not label Secret ${namespace}/${name} with its last-used date: ${error instanceof Error ? error.message : String(error)}`));
  }

  return (token) => {
    const identity = parseLegacyServiceAccountToken(key, token);
    if (!identity) return undefined;
    const { namespace, secretName, serviceAccountName, serviceAccountUid } = identity;
    const secret = registry.getStored(resources.secrets, namespace, secretName)?.object as SecretObject | undefined;
    if (!secret || secret.metadata.deletionTimestamp) return undefined;
    if (!sameBytes(Buffer.from(secret.data?.token ?? '', 'base64'), Buffer.from(token))) return undefined;
    const serviceAccount = registry.getStored(resources.serviceAccounts, namespace, serviceAccountName)?.object;
    if (!serviceAccount || serviceAccount.metadata.deletionTimestamp || serviceAccount.metadata.uid !== serviceAccountUid) return undefined;
    if (secret.metadata.labels?.[invalidSinceLabel]) {
      recordUse(namespace, secretName, secret);
      return undefined;
    }
    recordUse(namespace, secretName, secret);
    return userOf(namespace, serviceAccountName);
  };
}
