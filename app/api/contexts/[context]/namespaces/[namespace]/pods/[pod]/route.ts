import { handleErrors } from '@/lib/http/routeHandler';
import { jsonResponse } from '@/lib/http/httpError';
import { guardMutation } from '@/lib/http/mutationGuard';
import { objectParams } from '@/lib/http/routeParams';
import { deletePod } from '@/lib/k8s/actions/statefulSetActions';

export const dynamic = 'force-dynamic';

export const DELETE = handleErrors(async (request: Request, { params }: { params: Promise<{ context: string; namespace: string; pod: string }> }) => {
  guardMutation(request);
  const target = await objectParams(params, 'pod');
  return jsonResponse(await deletePod(target));
});
