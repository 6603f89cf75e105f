import { handleErrors } from '@/lib/http/routeHandler';
import { namespaceParams } from '@/lib/http/routeParams';
import { sseResponse } from '@/lib/http/sse';
import { holdListFeed } from '@/lib/k8s/feeds/feeds';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string }> }) => {
  const { context, namespace } = await namespaceParams(params);
  const held = holdListFeed(context, namespace);
  return sseResponse(request, (channel) => {
    let unsubscribe: (() => void) | undefined;
    let closed = false;
    void held.feed
      .subscribe(channel.lastEventId, (message, id) => channel.send({ id, event: message.type, data: message }))
      .then((off) => {
        if (closed) off();
        else unsubscribe = off;
      });
    return () => {
      closed = true;
      unsubscribe?.();
      held.release();
    };
  });
});
