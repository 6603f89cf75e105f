import { handleErrors } from '@/lib/http/routeHandler';
import { namespaceParams } from '@/lib/http/routeParams';
import { sseResponse } from '@/lib/http/sse';
import { pipeFeed } from '@/lib/http/streamRoute';
import { holdListFeed } from '@/lib/k8s/feeds/feeds';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string }> }) => {
  const { context, namespace } = await namespaceParams(params);
  const held = holdListFeed(context, namespace);
  return sseResponse(request, (channel) => pipeFeed(channel, held.feed, held.release));
});
