import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { apis, haveKubectl, httpGet, kubectlOk, waitFor, waitForSetReady } from '../controllers/clusterSupport';

/**
 * The seed's lab report, command for command, against a fresh sandbox: the demo apps are there on
 * first start, and kubectl shows what the report shows (ages, IPs and uids aside).
 */
describe.skipIf(!haveKubectl)("the seed's kubectl commands on a fresh sandbox", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    await waitForSetReady(sandbox, 'python-python-app', 3);
    await waitForSetReady(sandbox, 'go-go-app', 3);
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('kubectl get po,sts,svc,pvc', async () => {
    const output = await waitFor('claims to be bound', async () => {
      const text = await kubectlOk(sandbox, ['get', 'po,sts,svc,pvc']);
      return (text.match(/\bBound\b/g) ?? []).length === 6 ? text : undefined;
    });
    for (const app of ['python-python-app', 'go-go-app']) {
      for (const ordinal of [0, 1, 2]) expect(output).toMatch(new RegExp(`pod/${app}-${ordinal}\\s+1/1\\s+Running\\s+0\\s`));
      expect(output).toMatch(new RegExp(`statefulset.apps/${app}\\s+3/3\\s`));
    }
    expect(output).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(output).toMatch(/service\/kubernetes\s+ClusterIP\s+127\.96\.0\.1\s+<none>\s+443\/TCP\s/);
    expect(output).toMatch(/service\/python-python-app\s+LoadBalancer\s+127\.96\.\d+\.\d+\s+<pending>\s+8080:3\d{4}\/TCP\s/);
    expect(output).toMatch(/service\/go-go-app\s+LoadBalancer\s+127\.96\.\d+\.\d+\s+<pending>\s+8070:3\d{4}\/TCP\s/);
    expect(output).toMatch(/NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS/);
    for (const ordinal of [0, 1, 2]) {
      expect(output).toMatch(new RegExp(`persistentvolumeclaim/visits-data-python-python-app-${ordinal}\\s+Bound\\s+pvc-[0-9a-f-]{36}\\s+1Gi\\s+RWO\\s+standard\\s`));
      expect(output).toMatch(new RegExp(`persistentvolumeclaim/go-visits-data-go-go-app-${ordinal}\\s+Bound\\s+pvc-[0-9a-f-]{36}\\s+1Gi\\s+RWO\\s+standard\\s`));
    }
  });

  it('kubectl describe sts python', async () => {
    const output = await kubectlOk(sandbox, ['describe', 'sts', 'python']);
    expect(output).toMatch(/^Name:\s+python-python-app$/m);
    expect(output).toMatch(/^Selector:\s+app\.kubernetes\.io\/instance=python,app\.kubernetes\.io\/managed-by=Helm,app\.kubernetes\.io\/version=0\.1\.0$/m);
    expect(output).toMatch(/^Annotations:\s+meta\.helm\.sh\/release-name: python$/m);
    expect(output).toMatch(/^Replicas:\s+3 desired \| 3 total$/m);
    expect(output).toMatch(/^Update Strategy:\s+RollingUpdate$/m);
    expect(output).toMatch(/^Pods Status:\s+3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    expect(output).toMatch(/Service Account:\s+internal-app/);
    expect(output).toMatch(/Image:\s+quiner\/app-python:latest/);
    expect(output).toMatch(/Liveness:\s+http-get http:\/\/:8080\/healthcheck delay=0s timeout=1s period=10s #success=1 #failure=3/);
    expect(output).toMatch(/MY_PASSWORD:\s+<set to the key 'password' in secret 'credentials'>/);
    expect(output).toMatch(/CONFIG_MAP_VAR:\s+<set to the key 'env-var' of config map 'python-app-configmap'>/);
    expect(output).toMatch(/\/app\/data from visits-data \(rw\)/);
    expect(output).toMatch(/Volume Claims:\s+Name:\s+visits-data/);
    for (const ordinal of [0, 1, 2]) {
      expect(output).toMatch(new RegExp(`Normal\\s+SuccessfulCreate\\s+.*statefulset-controller\\s+create Claim visits-data-python-python-app-${ordinal} Pod python-python-app-${ordinal} in StatefulSet python-python-app success`));
      expect(output).toMatch(new RegExp(`Normal\\s+SuccessfulCreate\\s+.*statefulset-controller\\s+create Pod python-python-app-${ordinal} in StatefulSet python-python-app successful`));
    }
  });

  it('kubectl exec pod/python-python-app-0 -- cat data/visits.txt, after visits through the Service', async () => {
    const service = await apis(sandbox).core.readNamespacedService({ name: 'python-python-app', namespace: 'default' });
    const nodePort = service.spec?.ports?.[0].nodePort ?? 0;
    const visits = 12;
    // As in the seed: a fresh connection per visit, like opening the app in new tabs and modes.
    for (let visit = 0; visit < visits; visit++) expect((await httpGet('127.0.0.1', nodePort, '/')).status).toBe(200);
    let sum = 0;
    for (const ordinal of [0, 1, 2]) {
      const text = await kubectlOk(sandbox, ['exec', `pod/python-python-app-${ordinal}`, '--', 'cat', 'data/visits.txt']).catch(() => '0');
      expect(text.trim()).toMatch(/^\d+$/);
      sum += Number(text.trim());
    }
    expect(sum).toBe(visits);
  });
});
