/**
 * The dashboard started as the Deployment starts it: HOST=0.0.0.0, so reachable from other machines.
 * Without DASHBOARD_TOKEN it must refuse to start; with one it must refuse every request that does not
 * carry it, except /api/health, which the kubelet's probes call without credentials.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../../lib/http/tokenAuth';
import { freePort } from '../../support/sandbox';
import { buildMissing, runDashboard, type DashboardRun } from './dashboardProcess';

if (buildMissing) console.warn(`[deploy tests] skipping the token checks on a running dashboard: ${buildMissing}`);

describe('the dashboard on 0.0.0.0', () => {
  it('refuses to start without DASHBOARD_TOKEN', async () => {
    const run = runDashboard({ HOST: '0.0.0.0', PORT: String(await freePort()), CLUSTER: 'kubeconfig', KUBECONFIG: '/nonexistent/kubeconfig' });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toMatch(/Refusing to listen on 0\.0\.0\.0/);
    expect(run.output()).toMatch(/DASHBOARD_TOKEN/);
    await expect(run.listening).rejects.toThrow();
  }, 120_000);

  describe.skipIf(buildMissing)('with DASHBOARD_TOKEN', () => {
    const token = 'deploy-test-token-0123456789abcdef0123456789abcdef';
    let run: DashboardRun | undefined;
    let base = '';
    afterAll(async () => {
      await run?.stop();
    });

    it('starts, and answers /api/health without the token (the probes have none)', async () => {
      const port = await freePort();
      run = runDashboard({ HOST: '0.0.0.0', PORT: String(port), DASHBOARD_TOKEN: token, CLUSTER: 'kubeconfig', KUBECONFIG: '/nonexistent/kubeconfig' });
      await run.listening;
      base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
    }, 180_000);

    it('refuses API calls without the token or with a wrong one', async () => {
      for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { cookie: `${sessionCookie}=forged-session` }] as Record<string, string>[]) {
        const contexts = await fetch(`${base}/api/contexts`, { headers, redirect: 'manual' });
        expect([401, 403], JSON.stringify(headers)).toContain(contexts.status);
        expect(await contexts.text()).not.toMatch(/"contexts"/);
      }
      const scale = await fetch(`${base}/api/contexts/in-cluster/namespaces/default/statefulsets/web/scale`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ replicas: 0 }),
        redirect: 'manual',
      });
      expect([401, 403]).toContain(scale.status);
    });

    it('does not serve the app\'s pages without the token', async () => {
      const page = await fetch(`${base}/`, { redirect: 'manual' });
      // A login form (401) or a redirect to one; never the dashboard itself.
      expect([301, 302, 303, 307, 308, 401, 403]).toContain(page.status);
    });

    it('accepts the token as a bearer header', async () => {
      const contexts = await fetch(`${base}/api/contexts`, { headers: { authorization: `Bearer ${token}` } });
      expect([401, 403]).not.toContain(contexts.status);
    }, 120_000);
  });
});
