import { NextResponse } from 'next/server';
import { loadKubeConfig } from '@/lib/k8s/kubeConfigSource';
import { readClusterVersion } from '@/lib/k8s/clusterVersion';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ context: string }> }) {
  const { context } = await params;
  const kc = loadKubeConfig();
  if (!kc.getContextObject(context)) {
    return NextResponse.json({ error: 'Unknown context', detail: `There is no context named "${context}" in the kubeconfig.` }, { status: 404 });
  }
  try {
    return NextResponse.json(await readClusterVersion(kc, context));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return NextResponse.json({ error: 'The cluster cannot be reached', detail }, { status: 502 });
  }
}
