import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { headers, installedKubectls, runKubectl } from './kubectlVersions';

/**
 * Real kubectl against the sandbox for what the API schema decides: table columns, discovery,
 * OpenAPI-driven `kubectl apply` and the wording of validation errors.
 */

const versions = installedKubectls([27, 30, 33]);
const newest = versions[versions.length - 1];

function statefulSetManifest(name: string, image: string, envValue: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: default
spec:
  serviceName: ${name}
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: ${image}
        env:
        - {name: GREETING, value: "${envValue}"}
        ports:
        - {name: http, containerPort: 8080}
        readinessProbe:
          httpGet: {path: /, port: 8080}
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: default
spec:
  selector: {app: ${name}}
  ports:
  - {name: http, port: 80, targetPort: http}
`;
}

describe.skipIf(versions.length === 0)('kubectl and the sandbox API schema', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  }, 60_000);

  afterAll(async () => {
    await sandbox?.dispose();
  });

  it.each(versions)('kubectl 1.%i prints the real columns for po,sts,svc,pvc', async (minor) => {
    const plain = await runKubectl(minor, sandbox.kubeconfigPath, ['get', 'po,sts,svc,pvc']);
    expect(plain.stderr).toBe('');
    expect(headers(plain.stdout)).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['NAME', 'READY', 'AGE'],
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    ]);
    expect(plain.stdout).toMatch(/service\/kubernetes\s+ClusterIP\s+127\.96\.0\.1\s+<none>\s+443\/TCP\s+\d+s/);
    expect(plain.stdout).toMatch(/service\/python-python-app\s+LoadBalancer\s+127\.96\.\d+\.\d+\s+<pending>\s+8080:3\d{4}\/TCP/);
    const wide = await runKubectl(minor, sandbox.kubeconfigPath, ['get', 'po,sts,svc', '-o', 'wide']);
    expect(headers(wide.stdout)).toEqual([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
      ['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES'],
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
    ]);
    expect(wide.stdout).toMatch(/statefulset\.apps\/python-python-app\s+\d\/3\s+\d+s\s+python-app\s+quiner\/app-python:latest/);
  });

  it('prints the columns of every other kind served', async () => {
    const kinds: Array<[string, string[]]> = [
      ['pv', ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE']],
      ['ep', ['NAME', 'ENDPOINTS', 'AGE']],
      ['cm', ['NAME', 'DATA', 'AGE']],
      ['secrets', ['NAME', 'TYPE', 'DATA', 'AGE']],
      ['sa', ['NAME', 'SECRETS', 'AGE']],
      ['sc', ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']],
      ['ns', ['NAME', 'STATUS', 'AGE']],
      ['no', ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']],
      ['controllerrevisions', ['NAME', 'CONTROLLER', 'REVISION', 'AGE']],
      ['endpointslices', ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']],
      ['clusterroles', ['NAME', 'CREATED AT']],
      ['clusterrolebindings', ['NAME', 'ROLE', 'AGE']],
      ['events', ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']],
    ];
    // An event of our own, so the events table never depends on what the controllers have said yet.
    const event = await runKubectl(newest, sandbox.kubeconfigPath, ['create', '-f', '-'], 'apiVersion: v1\nkind: Event\nmetadata: {name: schema-test.1, namespace: default}\ninvolvedObject: {kind: Pod, name: web-0, namespace: default}\nreason: Testing\nmessage: columns\ntype: Normal\n');
    expect(event.stderr).toBe('');
    for (const [kind, expected] of kinds) {
      const result = await runKubectl(newest, sandbox.kubeconfigPath, ['get', kind, '-A']);
      expect(result.stderr, kind).toBe('');
      // With --all-namespaces kubectl adds NAMESPACE in front of namespaced kinds.
      expect(headers(result.stdout)[0]?.filter((name) => name !== 'NAMESPACE'), kind).toEqual(expected);
    }
    const storageClasses = await runKubectl(newest, sandbox.kubeconfigPath, ['get', 'sc']);
    expect(storageClasses.stdout).toMatch(/^standard \(default\)\s/m);
  });

  it('lists resources with their short names and kinds in kubectl api-resources', async () => {
    const result = await runKubectl(newest, sandbox.kubeconfigPath, ['api-resources']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^statefulsets\s+sts\s+apps\/v1\s+true\s+StatefulSet$/m);
    expect(result.stdout).toMatch(/^persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim$/m);
    expect(result.stdout).toMatch(/^storageclasses\s+sc\s+storage\.k8s\.io\/v1\s+false\s+StorageClass$/m);
    const all = await runKubectl(newest, sandbox.kubeconfigPath, ['get', 'all']);
    expect(all.stdout).toContain('pod/python-python-app-0');
    expect(all.stdout).toContain('statefulset.apps/python-python-app');
    expect(all.stdout).toContain('service/kubernetes');
  });

  it.each(versions)('kubectl 1.%i applies with default validation: created, unchanged, then configured', async (minor) => {
    const name = `apply-${minor}`;
    const first = await runKubectl(minor, sandbox.kubeconfigPath, ['apply', '-f', '-'], statefulSetManifest(name, 'visits-app:1.0', 'hello'));
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`statefulset.apps/${name} created\nservice/${name} created\n`);
    const again = await runKubectl(minor, sandbox.kubeconfigPath, ['apply', '-f', '-'], statefulSetManifest(name, 'visits-app:1.0', 'hello'));
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(`statefulset.apps/${name} unchanged\nservice/${name} unchanged\n`);
    const edited = await runKubectl(minor, sandbox.kubeconfigPath, ['apply', '-f', '-'], statefulSetManifest(name, 'visits-app:2.0', 'bonjour'));
    expect(edited.stderr).toBe('');
    expect(edited.stdout).toBe(`statefulset.apps/${name} configured\nservice/${name} unchanged\n`);
    const image = await runKubectl(minor, sandbox.kubeconfigPath, ['get', 'sts', name, '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].value} {.metadata.generation}']);
    expect(image.stdout).toBe('visits-app:2.0 bonjour 2');
  });

  it('rejects invalid objects with the real 422 wording', async () => {
    const invalid = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: Bad_Name, namespace: default}
spec:
  replicas: -1
  selector:
    matchLabels: {app: one}
  template:
    metadata:
      labels: {app: two}
    spec:
      containers:
      - {name: app, image: visits-app:1.0}
`;
    const result = await runKubectl(newest, sandbox.kubeconfigPath, ['create', '-f', '-'], invalid);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('The StatefulSet "Bad_Name" is invalid: ');
    expect(result.stderr).toContain(
      "* metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
    expect(result.stderr).toContain('* spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(result.stderr).toContain('* spec.template.metadata.labels: Invalid value: map[string]string{"app":"two"}: `selector` does not match template `labels`');

    const immutable = await runKubectl(newest, sandbox.kubeconfigPath, ['patch', 'sts', 'python-python-app', '-p', '{"spec":{"serviceName":"renamed"}}']);
    expect(immutable.stderr).toBe(
      "The StatefulSet \"python-python-app\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n",
    );
    const pod = await runKubectl(newest, sandbox.kubeconfigPath, ['create', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: no-image, namespace: default}\nspec:\n  containers:\n  - {name: app}\n');
    expect(pod.stderr).toBe('The Pod "no-image" is invalid: spec.containers[0].image: Required value\n');
  });

  it('explains fields from the OpenAPI v3 documents', async () => {
    const result = await runKubectl(newest, sandbox.kubeconfigPath, ['explain', 'statefulset.spec.replicas']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('KIND:       StatefulSet');
    expect(result.stdout).toContain('FIELD: replicas <integer>');
  });
});
