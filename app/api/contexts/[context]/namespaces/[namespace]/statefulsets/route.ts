import { handleErrors } from '@/lib/http/routeHandler';
import { jsonResponse } from '@/lib/http/httpError';
import { namespaceParams } from '@/lib/http/routeParams';
import { holdListFeed } from '@/lib/k8s/feeds/feeds';
import { requireReachable } from '@/lib/k8s/feeds/cacheReadiness';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ context: string; namespace: string }> }) => {
  const { context, namespace } = await namespaceParams(params);
  const held = holdListFeed(context, namespace);
  try {
    await held.feed.cache.waitForSync();
    requireReachable(held.feed.cache);
    return jsonResponse({ items: held.feed.snapshot().items, connection: held.feed.cache.connection });
  } finally {
    held.release();
  }
});
