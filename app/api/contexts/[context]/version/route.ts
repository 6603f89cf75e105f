import { handleErrors } from '@/lib/http/routeHandler';
import { jsonResponse } from '@/lib/http/httpError';
import { requireContextName } from '@/lib/http/names';
import { kubeConfigFor } from '@/lib/k8s/connections/contextSource';
import { readClusterVersion } from '@/lib/k8s/clusterVersion';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ context: string }> }) => {
  const context = requireContextName((await params).context);
  return jsonResponse(await readClusterVersion(kubeConfigFor(context), context));
});
