import type { z } from 'zod';
import { handleErrors } from './routeHandler';
import { guardMutation } from './mutationGuard';
import { objectParams } from './routeParams';
import { parseJsonBody } from './jsonBody';
import { jsonResponse } from './httpError';
import { kubeConfigFor } from '../k8s/connections/contextSource';
import type { ActionResult } from '../k8s/actions/actionResult';
import type { Target } from '../k8s/actions/statefulSetActions';

type Params<K extends string> = { params: Promise<{ context: string; namespace: string } & Record<K, string>> };

/**
 * A POST route for one action: the CSRF/read-only guard first, then the names, then the body
 * (400 naming the field), then the cluster call. Nothing reaches the cluster unless all pass.
 */
export function actionRoute<S extends z.ZodType, K extends string>(key: K, field: string, schema: S, run: (target: Target, body: z.infer<S>) => Promise<ActionResult>) {
  return handleErrors(async (request: Request, { params }: Params<K>) => {
    guardMutation(request);
    const target = await objectParams(params, key, field);
    const body = await parseJsonBody(request, schema);
    kubeConfigFor(target.context);
    return jsonResponse(await run(target, body));
  });
}
