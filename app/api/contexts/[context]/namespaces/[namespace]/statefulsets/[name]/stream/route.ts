import { handleErrors } from '@/lib/http/routeHandler';
import { objectParams } from '@/lib/http/routeParams';
import { sseResponse } from '@/lib/http/sse';
import { pipeFeed } from '@/lib/http/streamRoute';
import { holdDetailFeed } from '@/lib/k8s/feeds/feeds';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string; name: string }> }) => {
  const { context, namespace, name } = await objectParams(params, 'name');
  const held = holdDetailFeed(context, namespace, name);
  return sseResponse(request, (channel) => pipeFeed(channel, held.feed, held.release));
});
