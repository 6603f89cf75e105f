import { startTestSandbox } from '../../test/support/sandbox';
import { idlePod, inParallel, rawClient } from '../apiserver/rawClient';
import { median, percentile, type BenchScenario } from '../scenario';

/** Time to list 2,000 pods (quick: 200) as JSON and as kubectl's Table, over keep-alive HTTPS. */
export const scenario: BenchScenario = {
  name: 'apiserver-list',
  async run({ quick, progress }) {
    const pods = quick ? 200 : 2000;
    const rounds = quick ? 5 : 20;
    const sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'none' } });
    const client = rawClient(sandbox);
    try {
      await client.request('POST', '/api/v1/namespaces', { metadata: { name: 'bench' } });
      progress?.(`creating ${pods} pods`);
      const started = performance.now();
      await inParallel(pods, 32, (index) => client.request('POST', '/api/v1/namespaces/bench/pods', idlePod(`pod-${index}`, 'bench')));
      const createPerSecond = pods / ((performance.now() - started) / 1000);
      const timeList = async (accept: string) => {
        const times: number[] = [];
        for (let round = 0; round < rounds; round++) {
          const begin = performance.now();
          const response = await client.request('GET', `/api/v1/namespaces/bench/pods${accept ? '?includeObject=Object' : ''}`);
          times.push(performance.now() - begin);
          if (response.status !== 200) throw new Error(`list answered ${response.status}`);
        }
        return times;
      };
      const json = await timeList('');
      const listMs = median(json);
      return [
        { metric: `list ${pods} pods (JSON), median`, value: listMs, unit: 'ms', target: '< 100 ms', pass: listMs < 100 },
        { metric: `list ${pods} pods (JSON), p90`, value: percentile(json, 0.9), unit: 'ms' },
        { metric: 'pod creates (32 concurrent, fsynced)', value: createPerSecond, unit: '/s' },
      ];
    } finally {
      client.close();
      await sandbox.dispose();
    }
  },
};
