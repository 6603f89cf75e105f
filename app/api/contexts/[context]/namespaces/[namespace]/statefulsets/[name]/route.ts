import { handleErrors } from '@/lib/http/routeHandler';
import { HttpError, jsonResponse } from '@/lib/http/httpError';
import { objectParams } from '@/lib/http/routeParams';
import { holdDetailFeed } from '@/lib/k8s/feeds/feeds';
import { requireReachable } from '@/lib/k8s/feeds/cacheReadiness';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ context: string; namespace: string; name: string }> }) => {
  const { context, namespace, name } = await objectParams(params, 'name');
  const held = holdDetailFeed(context, namespace, name);
  try {
    const detail = await held.feed.detail();
    requireReachable(held.feed.cache);
    if (!detail) throw new HttpError(404, 'Not found in the cluster', `statefulsets.apps "${name}" not found in namespace ${namespace}.`);
    return jsonResponse(detail);
  } finally {
    held.release();
  }
});
