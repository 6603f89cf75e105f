import { NextResponse } from 'next/server';
import { loadKubeConfig } from '@/lib/k8s/kubeConfigSource';

export const dynamic = 'force-dynamic';

export function GET() {
  try {
    const kc = loadKubeConfig();
    const current = kc.getCurrentContext();
    const contexts = kc.getContexts().map((context) => ({
      name: context.name,
      cluster: context.cluster,
      server: kc.getCluster(context.cluster)?.server ?? '',
      namespace: context.namespace ?? 'default',
      current: context.name === current,
    }));
    return NextResponse.json({ contexts, current });
  } catch (error) {
    return NextResponse.json({ error: 'Could not read the cluster configuration', detail: error instanceof Error ? error.message : String(error) }, { status: 500 });
  }
}
