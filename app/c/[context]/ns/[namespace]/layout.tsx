import type { ReactNode } from 'react';
import { Header } from '@/components/frame/Header';
import { decodeParam } from '@/components/frame/pageLinks';

export default async function NamespaceLayout({ children, params }: { children: ReactNode; params: Promise<{ context: string; namespace: string }> }) {
  const { context, namespace } = await params;
  return (
    <>
      <Header context={decodeParam(context)} namespace={decodeParam(namespace)} />
      <main className="mx-auto max-w-[1600px] p-4">{children}</main>
    </>
  );
}
