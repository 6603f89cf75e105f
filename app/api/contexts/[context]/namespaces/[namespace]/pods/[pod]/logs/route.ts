import { handleErrors } from '@/lib/http/routeHandler';
import { objectParams } from '@/lib/http/routeParams';
import { parseQuery } from '@/lib/http/queryParams';
import { logsQuery } from '@/lib/http/schemas';
import { podLogStream } from '@/lib/k8s/podLogs';

export const dynamic = 'force-dynamic';

const yes = (value: string | undefined) => value === 'true' || value === '1';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string; pod: string }> }) => {
  const { context, namespace, name } = await objectParams(params, 'pod');
  const query = parseQuery(request, logsQuery);
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort());
  const stream = await podLogStream(context, namespace, name, { container: query.container, tailLines: query.tailLines, follow: yes(query.follow), previous: yes(query.previous) }, abort.signal);
  return new Response(stream, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no', 'X-Content-Type-Options': 'nosniff' } });
});
