import type { Metadata } from 'next';
import { decodeParam } from '@/components/frame/pageLinks';
import { StatefulSetOverview } from '@/components/statefulsets/StatefulSetOverview';

type Params = Promise<{ context: string; namespace: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { namespace } = await params;
  return { title: `StatefulSets in ${decodeParam(namespace)} · StatefulSet Explorer` };
}

export default async function NamespacePage({ params }: { params: Params }) {
  const { context, namespace } = await params;
  return <StatefulSetOverview context={decodeParam(context)} namespace={decodeParam(namespace)} />;
}
