/**
 * Every action of the dashboard, through its HTTP API as the UI calls it, against the sandbox's demo app
 * python-python-app in `default` (3 replicas, fresh), each checked by its effect on the cluster (read with admin kubectl):
 * the permissions the dashboard reads for itself, traffic, visits, logs, the terminal, scale, restart,
 * set image, update strategy, rollback, pod management policy, delete pod.
 */
import { expect } from 'vitest';
import { dashboardClient } from './dashboardClient';
import type { sandboxKubectl } from './sandboxKubectl';

export async function exerciseEveryAction(url: string, token: string, admin: ReturnType<typeof sandboxKubectl>): Promise<void> {
  const field = async (object: string, jsonpath: string) => (await admin(['get', '-n', 'default', object, '-o', `jsonpath=${jsonpath}`])).stdout.trim();
  const { call, exec } = dashboardClient(url, token, 'in-cluster', 'default');
  const sts = '/statefulsets/python-python-app';
  const ok = (answer: { status: number; text: string }, what: string) => expect(answer.status, `${what}: ${answer.text}`).toBeLessThan(300);

  // What the dashboard itself believes it may do, from SelfSubjectAccessReviews.
  const detail = await call<{ permissions: Record<string, { allowed: boolean; reason?: string }> }>('GET', sts);
  ok(detail, 'detail');
  const denied = Object.entries(detail.body.permissions).filter(([, permission]) => !permission.allowed);
  expect(denied).toEqual([]);

  // Traffic, then the visits it left: exec in every pod.
  const traffic = await call<{ id: string }>('POST', '/services/python-python-app/traffic', { requests: 12, concurrency: 3, newConnectionPerRequest: true });
  ok(traffic, 'traffic');
  let job: { state: string; completed: number; statusCounts: Record<string, number> } | undefined;
  for (let attempt = 0; attempt < 100 && job?.state !== 'finished'; attempt += 1) {
    job = (await call<typeof job>('GET', '/services/python-python-app/traffic')).body;
    if (job?.state === 'failed' || job?.state === 'cancelled') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(job?.state, JSON.stringify(job)).toBe('finished');
  expect(job?.statusCounts['200'], JSON.stringify(job)).toBe(12);
  // Concurrent sandboxes on one machine allocate the same ClusterIPs, so the traffic may have reached
  // another one's pods: check that every pod was read (exec allowed), not the sum of the counts.
  const visits = await call<{ pods: { pod: string; count: number | null; error?: string }[] }>('GET', `${sts}/visits`);
  ok(visits, 'visits');
  expect(visits.body.pods).toHaveLength(3);
  for (const pod of visits.body.pods) expect(pod.error ?? '', pod.pod).not.toMatch(/forbidden|cannot|denied/i);

  ok(await call('GET', '/pods/python-python-app-0/logs'), 'logs');
  const terminal = await exec('python-python-app-0', ['hostname']);
  expect(terminal.error, JSON.stringify(terminal)).toBeUndefined();
  expect(terminal.exit?.code, JSON.stringify(terminal)).toBe(0);
  expect(terminal.stdout.trim()).toBe('python-python-app-0');

  ok(await call('POST', `${sts}/scale`, { replicas: 2 }), 'scale');
  expect(await field('statefulset/python-python-app', '{.spec.replicas}')).toBe('2');
  ok(await call('POST', `${sts}/restart`, {}), 'restart');
  expect(await field('statefulset/python-python-app', '{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}')).not.toBe('');
  ok(await call('POST', `${sts}/image`, { container: 'python-app', image: 'visits-app:2.0' }), 'image');
  expect(await field('statefulset/python-python-app', '{.spec.template.spec.containers[0].image}')).toBe('visits-app:2.0');
  ok(await call('POST', `${sts}/update-strategy`, { type: 'RollingUpdate', partition: 1 }), 'update strategy');
  expect(await field('statefulset/python-python-app', '{.spec.updateStrategy.rollingUpdate.partition}')).toBe('1');
  ok(await call('POST', `${sts}/rollback`, { revision: 1 }), 'rollback');
  expect(await field('statefulset/python-python-app', '{.spec.template.spec.containers[0].image}')).toBe('quiner/app-python:latest');
  const uid = await field('statefulset/python-python-app', '{.metadata.uid}');
  ok(await call('POST', `${sts}/pod-management-policy`, { policy: 'Parallel' }), 'pod management policy');
  expect(await field('statefulset/python-python-app', '{.spec.podManagementPolicy}')).toBe('Parallel');
  expect(await field('statefulset/python-python-app', '{.metadata.uid}')).not.toBe(uid);
  const podUid = await field('pod/python-python-app-0', '{.metadata.uid}');
  ok(await call('DELETE', '/pods/python-python-app-0', {}), 'delete pod');
  const after = await admin(['get', '-n', 'default', 'pod/python-python-app-0', '-o', 'jsonpath={.metadata.uid} {.metadata.deletionTimestamp}']);
  expect(after.code !== 0 || after.stdout.trim() !== podUid).toBe(true);
}
