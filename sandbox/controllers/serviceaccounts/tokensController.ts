import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadOrCreateCertificates } from '../../apiserver/authn/certificates';
import {
  legacyClaims,
  serviceAccountNameAnnotation,
  serviceAccountTokenType,
  serviceAccountUidAnnotation,
  signLegacyServiceAccountToken,
} from '../../apiserver/authn/legacyServiceAccountTokens';
import { loadOrCreateSigningKey } from '../../apiserver/authn/serviceAccountTokens';
import { resources } from '../../apiserver/registry/clusterClient';
import type { SandboxContext } from '../../context';
import type { KubeObject } from '../../store/types';
import { errorMessage, isConflict, isNotFound } from '../apiErrors';
import { ObjectCache } from '../objectCache';
import { objectKey, runWorkers, splitKey, WorkQueue } from '../workqueue';

/**
 * The token controller of kube-controller-manager (pkg/controller/serviceaccount/tokens_controller.go)
 * for Secret-based ServiceAccount tokens. A Secret of type kubernetes.io/service-account-token that
 * names a ServiceAccount (annotation kubernetes.io/service-account.name, optionally .uid) gets
 * `data.token` (a legacy JWT), `data.namespace`, `data.ca.crt` and the uid annotation. A Secret
 * whose ServiceAccount does not exist (or has another uid) is deleted, and when a ServiceAccount
 * goes, so do its token Secrets. A deleted token Secret is dropped from its ServiceAccount's
 * `secrets` list. Since 1.24 nothing creates token Secrets by itself: a person or tool writes them.
 *
 * One idempotent sync per Secret key, driven by Secret events and by ServiceAccount events (which
 * queue the token Secrets naming that account).
 */
export interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

export interface ServiceAccount extends KubeObject {
  secrets?: Array<{ name?: string; [field: string]: unknown }>;
}

export interface TokensControllerOptions {
  /** The key that signs tokens; by default SANDBOX_DIR/service-account.key, which the API server verifies with. */
  signingKey?: Buffer;
  /** The CA that goes into ca.crt; by default the sandbox's CA (SANDBOX_DIR/pki.json) when it exists. */
  rootCA?: string;
}

export interface TokensController {
  stop(): Promise<void>;
  pending(): number;
}

const encode = (text: string) => Buffer.from(text).toString('base64');

function defaultRootCA(dataDir: string): string | undefined {
  // Only read: the API server made the CA before any controller starts; a bare test dir has none.
  return existsSync(path.join(dataDir, 'pki.json')) ? loadOrCreateCertificates(dataDir).caPem : undefined;
}

export function startTokensController(ctx: SandboxContext, options: TokensControllerOptions = {}): TokensController {
  const { client } = ctx;
  const signingKey = options.signingKey ?? loadOrCreateSigningKey(ctx.dataDir);
  const rootCA = options.rootCA ?? defaultRootCA(ctx.dataDir);
  const queue = new WorkQueue({ baseDelayMs: 5, maxDelayMs: 10_000 });
  const secrets = new ObjectCache<Secret>(client, resources.secrets);
  const serviceAccounts = new ObjectCache<ServiceAccount>(client, resources.serviceAccounts);
  /** Token Secrets that went, with the account they named: their reference leaves that account. */
  const deletedTokens = new Map<string, { serviceAccountName: string; serviceAccountUid: string }>();

  const isToken = (secret: Secret) => secret.type === serviceAccountTokenType;
  const accountOf = (secret: Secret) => ({
    name: secret.metadata.annotations?.[serviceAccountNameAnnotation] ?? '',
    uid: secret.metadata.annotations?.[serviceAccountUidAnnotation] ?? '',
  });

  const stopSecrets = secrets.onChange((event) => {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    const secret = event.object;
    if (!isToken(secret)) return;
    const key = objectKey(secret.metadata.namespace, secret.metadata.name);
    if (event.type === 'DELETED') {
      const account = accountOf(secret);
      if (account.name) deletedTokens.set(key, { serviceAccountName: account.name, serviceAccountUid: account.uid });
    }
    queue.add(key);
  });
  const stopServiceAccounts = serviceAccounts.onChange((event) => {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    const name = event.object.metadata.name;
    for (const secret of secrets.list(event.object.metadata.namespace)) {
      if (isToken(secret) && accountOf(secret).name === name) queue.add(objectKey(secret.metadata.namespace, secret.metadata.name));
    }
  });
  for (const secret of secrets.all()) if (isToken(secret)) queue.add(objectKey(secret.metadata.namespace, secret.metadata.name));

  /** The account a token names, if it exists with the uid the Secret names (when it names one). */
  function serviceAccountFor(namespace: string | undefined, name: string, uid: string): ServiceAccount | undefined {
    const found = serviceAccounts.get(namespace, name) ?? client.get<ServiceAccount>(resources.serviceAccounts, namespace, name);
    return found && (!uid || found.metadata.uid === uid) ? found : undefined;
  }

  async function sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const secret = secrets.get(namespace, name);
    if (!secret || !isToken(secret)) {
      const gone = deletedTokens.get(key);
      deletedTokens.delete(key);
      if (gone && !secret) await removeSecretReference(namespace, gone.serviceAccountName, gone.serviceAccountUid, name);
      return;
    }
    deletedTokens.delete(key);
    const account = accountOf(secret);
    // The API server refuses such a Secret; one that got in anyway is not the controller's business.
    if (!account.name) return;
    const serviceAccount = serviceAccountFor(namespace, account.name, account.uid);
    if (!serviceAccount) {
      ctx.log('tokens-controller', `deleting Secret ${key}: its ServiceAccount ${account.name}${account.uid ? ` (uid ${account.uid})` : ''} does not exist`);
      await deleteToken(namespace, name, secret.metadata.uid);
      return;
    }
    await populateToken(serviceAccount, secret);
  }

  function updatesNeeded(secret: Secret): { ca: boolean; namespace: boolean; token: boolean } {
    const data = secret.data ?? {};
    return { ca: !!rootCA && data['ca.crt'] !== encode(rootCA), namespace: !data.namespace, token: !data.token };
  }

  async function populateToken(serviceAccount: ServiceAccount, cached: Secret): Promise<void> {
    const needed = updatesNeeded(cached);
    if (!needed.ca && !needed.namespace && !needed.token) return;
    const live = client.get<Secret>(resources.secrets, cached.metadata.namespace, cached.metadata.name ?? '');
    // Out of date: the newer version's own event brings us back.
    if (!live || live.metadata.resourceVersion !== cached.metadata.resourceVersion) return;
    const data = { ...(live.data ?? {}) };
    if (needed.ca && rootCA) data['ca.crt'] = encode(rootCA);
    if (needed.namespace) data.namespace = encode(live.metadata.namespace ?? '');
    if (needed.token) {
      const claims = legacyClaims(
        { namespace: serviceAccount.metadata.namespace ?? '', name: serviceAccount.metadata.name ?? '', uid: serviceAccount.metadata.uid ?? '' },
        live.metadata.name ?? '',
      );
      data.token = encode(signLegacyServiceAccountToken(signingKey, claims));
    }
    const annotations = {
      ...(live.metadata.annotations ?? {}),
      [serviceAccountNameAnnotation]: serviceAccount.metadata.name ?? '',
      [serviceAccountUidAnnotation]: serviceAccount.metadata.uid ?? '',
    };
    try {
      await client.update<Secret>(resources.secrets, { ...live, metadata: { ...live.metadata, annotations }, data });
    } catch (error) {
      // Changed meanwhile (its event requeues it) or gone: nothing to retry.
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }

  async function deleteToken(namespace: string | undefined, name: string, uid: string | undefined): Promise<void> {
    try {
      await client.delete(resources.secrets, namespace, name, uid ? { uid } : {});
    } catch (error) {
      // Already gone, or the uid precondition failed (another Secret of that name now).
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }

  async function removeSecretReference(namespace: string | undefined, serviceAccountName: string, serviceAccountUid: string, secretName: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const serviceAccount = client.get<ServiceAccount>(resources.serviceAccounts, namespace, serviceAccountName);
      if (!serviceAccount || (serviceAccountUid && serviceAccount.metadata.uid !== serviceAccountUid)) return;
      if (!(serviceAccount.secrets ?? []).some((reference) => reference.name === secretName)) return;
      try {
        await client.update<ServiceAccount>(resources.serviceAccounts, { ...serviceAccount, secrets: (serviceAccount.secrets ?? []).filter((reference) => reference.name !== secretName) });
        return;
      } catch (error) {
        if (isNotFound(error)) return;
        if (!isConflict(error)) throw error;
      }
    }
  }

  const workers = runWorkers(queue, 1, sync, (key, error) => ctx.log('tokens-controller', `error syncing Secret ${key}: ${errorMessage(error)}`));

  return {
    pending: () => queue.length,
    async stop() {
      stopSecrets();
      stopServiceAccounts();
      secrets.stop();
      serviceAccounts.stop();
      queue.shutDown();
      await workers;
    },
  };
}
