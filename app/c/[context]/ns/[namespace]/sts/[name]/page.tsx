import type { Metadata } from 'next';
import { decodeParam } from '@/components/frame/pageLinks';
import { StatefulSetPage } from '@/components/statefulset/StatefulSetPage';

type Params = Promise<{ context: string; namespace: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: `${decodeParam(name)} · StatefulSet Explorer` };
}

export default async function StatefulSetRoute({ params }: { params: Params }) {
  const { context, namespace, name } = await params;
  return <StatefulSetPage context={decodeParam(context)} namespace={decodeParam(namespace)} name={decodeParam(name)} />;
}
