import { Watch, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { apis, haveKubectl, isPodReady, kubectlOk, podsOf, visitsAppYaml, waitFor, waitForSetReady } from './clusterSupport';

/** Update strategies, revisions and kubectl rollout against a real sandbox process. */
describe.skipIf(!haveKubectl)('StatefulSet updates on the sandbox', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'roll', replicas: 3, policy: 'Parallel' }));
    await waitForSetReady(sandbox, 'roll', 3);
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  const images = async (selector = 'app=roll') => (await podsOf(sandbox, selector)).map((pod) => pod.spec?.containers[0].image);

  it('stops a rolling update at the partition and reports it as kubectl rollout status does', async () => {
    await kubectlOk(sandbox, ['patch', 'sts', 'roll', '-p', '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}']);
    await kubectlOk(sandbox, ['set', 'image', 'sts/roll', 'app=visits-app:2.0']);
    const status = await kubectlOk(sandbox, ['rollout', 'status', 'sts/roll', '--timeout=90s']);
    expect(status).toContain('partitioned roll out complete: 1 new pods have been updated...');
    expect(await images()).toEqual(['visits-app:1.0', 'visits-app:1.0', 'visits-app:2.0']);
  });

  it('replaces the highest ordinal first, one at a time, each after the previous is Ready, and completes', async () => {
    const terminated: string[] = [];
    const violations: string[] = [];
    const lastSeen = new Map<string, V1Pod>();
    const watch = new Watch(sandbox.kubeConfig());
    const request = await watch.watch('/api/v1/namespaces/default/pods', { labelSelector: 'app=roll' }, (type: string, pod: V1Pod) => {
      const name = pod.metadata?.name ?? '';
      const previous = lastSeen.get(name);
      if (type === 'MODIFIED' && pod.metadata?.deletionTimestamp && !previous?.metadata?.deletionTimestamp) {
        // Nothing else may be on its way out or not ready when the controller deletes the next pod.
        for (const [other, state] of lastSeen) if (other !== name && !isPodReady(state)) violations.push(`${name} deleted while ${other} was not ready`);
        terminated.push(name);
      }
      if (type === 'DELETED') lastSeen.delete(name);
      else lastSeen.set(name, pod);
    }, () => undefined);
    try {
      await kubectlOk(sandbox, ['patch', 'sts', 'roll', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}']);
      const status = await kubectlOk(sandbox, ['rollout', 'status', 'sts/roll', '--timeout=90s']);
      expect(status).toContain('partitioned roll out complete: 3 new pods have been updated...');
    } finally {
      request.abort();
    }
    expect(terminated).toEqual(['roll-1', 'roll-0']);
    expect(violations).toEqual([]);
    expect(await images()).toEqual(['visits-app:2.0', 'visits-app:2.0', 'visits-app:2.0']);
    const set = await apis(sandbox).apps.readNamespacedStatefulSet({ name: 'roll', namespace: 'default' });
    expect(set.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
    expect(set.status?.currentRevision).toBe(set.status?.updateRevision);
  });

  it('rolls back with kubectl rollout undo by reusing the earlier revision under a new number', async () => {
    const revisionsBefore = await apis(sandbox).apps.listNamespacedControllerRevision({ namespace: 'default', labelSelector: 'app=roll' });
    expect(revisionsBefore.items.map((revision) => revision.revision).sort()).toEqual([1, 2]);
    const first = revisionsBefore.items.find((revision) => revision.revision === 1);
    await kubectlOk(sandbox, ['rollout', 'undo', 'sts/roll']);
    const status = await kubectlOk(sandbox, ['rollout', 'status', 'sts/roll', '--timeout=90s']);
    expect(status).toContain('partitioned roll out complete: 3 new pods have been updated...');
    expect(await images()).toEqual(['visits-app:1.0', 'visits-app:1.0', 'visits-app:1.0']);
    const revisionsAfter = await apis(sandbox).apps.listNamespacedControllerRevision({ namespace: 'default', labelSelector: 'app=roll' });
    expect(revisionsAfter.items).toHaveLength(2);
    expect(revisionsAfter.items.find((revision) => revision.metadata?.name === first?.metadata?.name)?.revision).toBe(3);
    const set = await apis(sandbox).apps.readNamespacedStatefulSet({ name: 'roll', namespace: 'default' });
    expect(set.status?.updateRevision).toBe(first?.metadata?.name);
    const history = await kubectlOk(sandbox, ['rollout', 'history', 'sts/roll']);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE[\s\S]*\n2\s[\s\S]*\n3\s/);
  });

  it('reports an unpartitioned rollout as kubectl does for a set without rollingUpdate', async () => {
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'plain', replicas: 2 }));
    const status = await kubectlOk(sandbox, ['rollout', 'status', 'sts/plain', '--timeout=90s']);
    expect(status).toMatch(/Waiting for [12] pods to be ready\.\.\.|partitioned roll out complete: 2 new pods have been updated\.\.\.|statefulset rolling update complete 2 pods at revision plain-/);
    expect(status.trim().split('\n').pop()).toMatch(/complete/);
  });

  it('with OnDelete replaces only the pods someone deletes', async () => {
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'ondelete', replicas: 2, updateStrategy: '    type: OnDelete' }));
    await waitForSetReady(sandbox, 'ondelete', 2);
    await kubectlOk(sandbox, ['set', 'image', 'sts/ondelete', 'app=visits-app:2.0']);
    await waitFor('the new revision to be observed', async () => {
      const set = await apis(sandbox).apps.readNamespacedStatefulSet({ name: 'ondelete', namespace: 'default' });
      return set.status?.observedGeneration === set.metadata?.generation && set.status?.updateRevision !== set.status?.currentRevision;
    });
    expect(await images('app=ondelete')).toEqual(['visits-app:1.0', 'visits-app:1.0']);
    await kubectlOk(sandbox, ['delete', 'pod', 'ondelete-0']);
    await waitFor('ondelete-0 to come back on the new image and be ready', async () => {
      const pod = (await podsOf(sandbox, 'app=ondelete'))[0];
      return pod?.spec?.containers[0].image === 'visits-app:2.0' && isPodReady(pod);
    });
    expect(await images('app=ondelete')).toEqual(['visits-app:2.0', 'visits-app:1.0']);
  });
});
