import { AppsV1Api, type V1StatefulSet } from '@kubernetes/client-node';
import { kubeConfigFor } from '../connections/contextSource';
import { HttpError } from '../../http/httpError';
import { apiStatusCode, toHttpError } from '../apiErrors';
import { withoutManagedFields, type ActionResult } from './actionResult';
import type { Target } from './statefulSetActions';

/**
 * podManagementPolicy is immutable, so changing it means what the seed did by hand: delete the
 * StatefulSet with orphan propagation (pods and claims stay, running) and create it again with the
 * new policy; the controller then adopts the pods. The delete carries the uid and resourceVersion
 * the user saw as preconditions, so a StatefulSet changed in between is left alone (409).
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

export async function changePodManagementPolicy(target: Target, policy: 'OrderedReady' | 'Parallel', expectedResourceVersion?: string): Promise<ActionResult> {
  const api = kubeConfigFor(target.context).makeApiClient(AppsV1Api);
  const sts = await api.readNamespacedStatefulSet({ name: target.name, namespace: target.namespace });
  const resourceVersion = sts.metadata?.resourceVersion ?? '';
  if (expectedResourceVersion && expectedResourceVersion !== resourceVersion) {
    throw new HttpError(409, 'The StatefulSet changed', `StatefulSet ${target.name} changed since you loaded it (resourceVersion ${expectedResourceVersion} -> ${resourceVersion}); nothing was done. Look at the new state and try again.`);
  }
  if ((sts.spec?.podManagementPolicy ?? 'OrderedReady') === policy) {
    return { message: `statefulset ${target.name} already uses podManagementPolicy ${policy}; nothing to do.`, result: withoutManagedFields(sts) };
  }
  const manifest = recreatedManifest(sts, policy);
  await api.deleteNamespacedStatefulSet({
    name: target.name,
    namespace: target.namespace,
    body: { propagationPolicy: 'Orphan', preconditions: { uid: sts.metadata?.uid, resourceVersion } },
  });
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
