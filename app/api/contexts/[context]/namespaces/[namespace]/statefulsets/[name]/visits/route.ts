import { handleErrors } from '@/lib/http/routeHandler';
import { jsonResponse } from '@/lib/http/httpError';
import { objectParams } from '@/lib/http/routeParams';
import { parseQuery } from '@/lib/http/queryParams';
import { visitsQuery } from '@/lib/http/schemas';
import { visitsForStatefulSet } from '@/lib/visits/visitsForStatefulSet';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string; name: string }> }) => {
  const { context, namespace, name } = await objectParams(params, 'name');
  const query = parseQuery(request, visitsQuery);
  return jsonResponse(await visitsForStatefulSet(context, namespace, name, query.path));
});
