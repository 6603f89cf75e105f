import { handleErrors } from '@/lib/http/routeHandler';
import { namespaceParams } from '@/lib/http/routeParams';
import { sseResponse } from '@/lib/http/sse';
import { pipeFeed } from '@/lib/http/streamRoute';
import { holdListFeed } from '@/lib/k8s/feeds/feeds';
import { GET as getStatefulSet } from '../[name]/route';

export const dynamic = 'force-dynamic';

/**
 * The namespace's list stream. This path is also `statefulsets/{name}` for a StatefulSet literally
 * named "stream": a request that asks for JSON and not for an event stream gets that StatefulSet's
 * detail, so no name is out of reach.
 */
function wantsStatefulSetNamedStream(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/event-stream');
}

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string }> }) => {
  if (wantsStatefulSetNamedStream(request)) return getStatefulSet(request, { params: params.then((values) => ({ ...values, name: 'stream' })) });
  const { context, namespace } = await namespaceParams(params);
  const held = holdListFeed(context, namespace);
  return sseResponse(request, (channel) => pipeFeed(channel, held.feed, held.release));
});
