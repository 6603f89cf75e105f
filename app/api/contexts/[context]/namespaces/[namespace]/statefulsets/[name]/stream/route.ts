import { handleErrors } from '@/lib/http/routeHandler';
import { objectParams } from '@/lib/http/routeParams';
import { sseResponse } from '@/lib/http/sse';
import { pipeFeed } from '@/lib/http/streamRoute';
import { holdDetailFeed } from '@/lib/k8s/feeds/feeds';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string; name: string }> }) => {
  const { context, namespace, name } = await objectParams(params, 'name');
  const held = holdDetailFeed(context, namespace, name);
  // `?pods=changes`: pods as per-pod changes instead of the whole list on every change (the page asks for it).
  const podChanges = new URL(request.url).searchParams.get('pods') === 'changes';
  const feed = { subscribe: (lastEventId: string | null, send: Parameters<typeof held.feed.subscribe>[1]) => held.feed.subscribe(lastEventId, send, { podChanges }) };
  return sseResponse(request, (channel) => pipeFeed(channel, feed, held.release));
});
