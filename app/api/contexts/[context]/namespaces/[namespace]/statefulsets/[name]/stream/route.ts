import { handleErrors } from '@/lib/http/routeHandler';
import { objectParams } from '@/lib/http/routeParams';
import { sseResponse } from '@/lib/http/sse';
import { holdDetailFeed } from '@/lib/k8s/feeds/feeds';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string; name: string }> }) => {
  const { context, namespace, name } = await objectParams(params, 'name');
  const held = holdDetailFeed(context, namespace, name);
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
