import type { V1StatefulSet } from '@kubernetes/client-node';
import type { VisitsSample } from './types';
import { withSyncedCache } from '../k8s/cache/cacheRegistry';
import { requireReachable } from '../k8s/feeds/cacheReadiness';
import { statefulSetPods, visitsPathOf } from '../k8s/views/statefulSetDetail';
import { kubeConfigFor } from '../k8s/connections/contextSource';
import { HttpError } from '../http/httpError';
import { readVisits, type ReadVisitsOptions } from './readVisits';
import { buildVisitsSample } from './visitsSample';

/** GET .../statefulsets/{name}/visits: one reading of every pod's visits file, with its statistics. */
export async function visitsForStatefulSet(context: string, namespace: string, name: string, path?: string, options: ReadVisitsOptions = {}): Promise<VisitsSample> {
  const kc = kubeConfigFor(context);
  const { sts, pods } = await withSyncedCache(context, namespace, (cache) => {
    requireReachable(cache);
    const found = cache.get<V1StatefulSet>('statefulsets', name);
    if (!found) throw new HttpError(404, 'Not found in the cluster', `statefulsets.apps "${name}" not found in namespace ${namespace}.`);
    return { sts: found, pods: statefulSetPods(found, cache.objects()) };
  });
  const file = path ?? visitsPathOf(sts);
  return buildVisitsSample(name, file, await readVisits(kc, pods, file, options));
}
