import type { Metadata } from 'next';
import { decodeParam } from '@/components/frame/pageLinks';
import { ComparePage } from '@/components/compare/ComparePage';

export const metadata: Metadata = { title: 'Compare StatefulSets · StatefulSet Explorer' };

export default async function CompareRoute({
  params,
  searchParams,
}: {
  params: Promise<{ context: string; namespace: string }>;
  searchParams: Promise<{ a?: string | string[]; b?: string | string[] }>;
}) {
  const { context, namespace } = await params;
  const query = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
  return <ComparePage context={decodeParam(context)} namespace={decodeParam(namespace)} a={first(query.a)} b={first(query.b)} />;
}
