import { VersionApi } from '@kubernetes/client-node';
import { handleErrors } from '@/lib/http/routeHandler';
import { jsonResponse } from '@/lib/http/httpError';
import { requireContextName } from '@/lib/http/names';
import { kubeConfigFor } from '@/lib/k8s/connections/contextSource';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ context: string }> }) => {
  const context = requireContextName((await params).context);
  const kc = kubeConfigFor(context);
  const info = await kc.makeApiClient(VersionApi).getCode();
  return jsonResponse({ context, server: kc.getCurrentCluster()?.server ?? '', gitVersion: info.gitVersion, platform: info.platform });
});
