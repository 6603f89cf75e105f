import { handleErrors } from '@/lib/http/routeHandler';
import { HttpError, jsonResponse } from '@/lib/http/httpError';
import { guardMutation } from '@/lib/http/mutationGuard';
import { objectParams } from '@/lib/http/routeParams';
import { parseJsonBody } from '@/lib/http/jsonBody';
import { trafficBody } from '@/lib/http/schemas';
import { cancelTraffic, currentTraffic, startTraffic } from '@/lib/visits/traffic/trafficJobs';
import { kubeConfigFor } from '@/lib/k8s/connections/contextSource';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ context: string; namespace: string; service: string }> };

export const POST = handleErrors(async (request: Request, { params }: Context) => {
  guardMutation(request);
  const { context, namespace, name } = await objectParams(params, 'service');
  const body = await parseJsonBody(request, trafficBody);
  return jsonResponse(await startTraffic(context, namespace, name, body), 202);
});

export const GET = handleErrors(async (_request: Request, { params }: Context) => {
  const { context, namespace, name } = await objectParams(params, 'service');
  kubeConfigFor(context);
  const run = currentTraffic(context, namespace, name);
  if (!run) throw new HttpError(404, 'No traffic job', `No traffic job has run against Service ${name}.`);
  return jsonResponse(run.job);
});

export const DELETE = handleErrors(async (request: Request, { params }: Context) => {
  guardMutation(request);
  const { context, namespace, name } = await objectParams(params, 'service');
  kubeConfigFor(context);
  return jsonResponse(cancelTraffic(context, namespace, name));
});
