import { ClusterInfo } from '@/components/cluster/ClusterInfo';

export default function HomePage() {
  return (
    <main className="mx-auto max-w-5xl p-6">
      <h1 className="mb-4 text-2xl font-semibold">StatefulSet Explorer</h1>
      <ClusterInfo />
    </main>
  );
}
