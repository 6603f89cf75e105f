import { AppsV1Api, type V1StatefulSet } from '@kubernetes/client-node';
import { kubeConfigFor } from '../connections/contextSource';
import { HttpError } from '../../http/httpError';
import { apiStatusCode, toHttpError } from '../apiErrors';
import { withoutManagedFields, type ActionResult } from './actionResult';
import type { Target } from './statefulSetActions';

/**
 * podManagementPolicy is immutable, so changing it means what the seed did by hand: delete the
 * StatefulSet with orphan propagation (pods and claims stay, running) and create it again with the
 * new policy; the controller then adopts the pods. If the spec changed since the user looked
 * (their generation, or their exact resourceVersion) nothing is done (409); the delete itself
 * carries the uid and resourceVersion just read as preconditions.
 */
const recreateDeadlineMs = 30_000;

export function recreatedManifest(sts: V1StatefulSet, policy: 'OrderedReady' | 'Parallel'): V1StatefulSet {
  const metadata = sts.metadata ?? {};
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      labels: metadata.labels,
      annotations: metadata.annotations,
    },
    spec: { ...(JSON.parse(JSON.stringify(sts.spec)) as NonNullable<V1StatefulSet['spec']>), podManagementPolicy: policy },
  };
}

export interface SeenVersion {
  generation?: number;
  resourceVersion?: string;
  policy?: 'OrderedReady' | 'Parallel';
}

function changedSince(sts: V1StatefulSet, seen: SeenVersion): string | undefined {
  if (seen.resourceVersion && seen.resourceVersion !== sts.metadata?.resourceVersion) return `resourceVersion ${seen.resourceVersion} -> ${sts.metadata?.resourceVersion ?? ''}`;
  if (seen.generation !== undefined && seen.generation !== sts.metadata?.generation) return `generation ${seen.generation} -> ${sts.metadata?.generation ?? ''}`;
  return undefined;
}

/** Reads and deletes (orphaning) with the read's uid and resourceVersion as preconditions; a status-only update in between just means read again. */
async function deleteOrphaning(api: AppsV1Api, target: Target, seen: SeenVersion): Promise<V1StatefulSet> {
  for (let attempt = 0; ; attempt += 1) {
    const sts = await api.readNamespacedStatefulSet({ name: target.name, namespace: target.namespace });
    const changed = changedSince(sts, seen);
    if (changed) throw new HttpError(409, 'The StatefulSet changed', `StatefulSet ${target.name} changed since you loaded it (${changed}); nothing was done. Look at the new state and try again.`);
    if ((sts.spec?.podManagementPolicy ?? 'OrderedReady') === seen.policy) return sts;
    try {
      await api.deleteNamespacedStatefulSet({
        name: target.name,
        namespace: target.namespace,
        body: { propagationPolicy: 'Orphan', preconditions: { uid: sts.metadata?.uid, resourceVersion: sts.metadata?.resourceVersion } },
      });
      return sts;
    } catch (error) {
      if (apiStatusCode(error) !== 409 || attempt >= 10) throw error;
    }
  }
}

export async function changePodManagementPolicy(target: Target, policy: 'OrderedReady' | 'Parallel', seen: SeenVersion = {}): Promise<ActionResult> {
  const api = kubeConfigFor(target.context).makeApiClient(AppsV1Api);
  const sts = await deleteOrphaning(api, target, { ...seen, policy });
  if ((sts.spec?.podManagementPolicy ?? 'OrderedReady') === policy) {
    return { message: `statefulset ${target.name} already uses podManagementPolicy ${policy}; nothing to do.`, result: withoutManagedFields(sts) };
  }
  const manifest = recreatedManifest(sts, policy);
  // The orphan finalizer keeps the old object until the garbage collector released the pods: retry the create until it is gone.
  const deadline = Date.now() + recreateDeadlineMs;
  for (;;) {
    try {
      const created = await api.createNamespacedStatefulSet({ namespace: target.namespace, body: manifest });
      return { message: `statefulset ${target.name} recreated with podManagementPolicy ${policy}; its pods and claims were kept and adopted.`, result: withoutManagedFields(created) };
    } catch (error) {
      if (apiStatusCode(error) !== 409 || Date.now() > deadline) {
        const reason = toHttpError(error).detail;
        throw new HttpError(
          502,
          'StatefulSet deleted but not recreated',
          `StatefulSet ${target.name} was deleted (its pods and claims were kept) but creating it again failed: ${reason}. Re-create it from this manifest: ${JSON.stringify(manifest)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
