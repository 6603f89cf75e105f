import { ClusterInfo } from '@/components/cluster/ClusterInfo';
import { StartLinks } from '@/components/cluster/StartLinks';
import { ThemeToggle } from '@/components/frame/ThemeToggle';

export default function HomePage() {
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">StatefulSet Explorer</h1>
        <ThemeToggle />
      </div>
      <ClusterInfo />
      <StartLinks />
    </main>
  );
}
