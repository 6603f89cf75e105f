import { startTestSandbox } from '../../test/support/sandbox';
import { idlePod, inParallel, rawClient } from '../apiserver/rawClient';
import type { BenchScenario } from '../scenario';
import { residentMegabytes } from '../support/processStats';

/** Resident memory of the sandbox process (every component running) holding 5,000 pods (quick: 500). */
export const scenario: BenchScenario = {
  name: 'apiserver-memory',
  async run({ quick, progress }) {
    const objects = quick ? 500 : 5000;
    const sandbox = await startTestSandbox();
    const client = rawClient(sandbox);
    try {
      const pid = sandbox.child.pid ?? 0;
      const before = residentMegabytes(pid);
      await client.request('POST', '/api/v1/namespaces', { metadata: { name: 'bench' } });
      progress?.(`creating ${objects} pods`);
      await inParallel(objects, 32, (index) => client.request('POST', '/api/v1/namespaces/bench/pods', idlePod(`pod-${index}`, 'bench')));
      // One list, as an informer would, so the measurement includes serving them.
      await client.request('GET', '/api/v1/namespaces/bench/pods');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const after = residentMegabytes(pid);
      return [
        { metric: `sandbox RSS holding ${objects} pods`, value: after, unit: 'MB', target: '< 200 MB', pass: after < 200 },
        { metric: 'sandbox RSS before', value: before, unit: 'MB' },
      ];
    } finally {
      client.close();
      await sandbox.dispose();
    }
  },
};
