/**
 * Every kustomization under manifests/ builds with kubectl's kustomize, and what it builds is what
 * docs/deploy.md promises: the dashboard with exactly the permissions its features use, hardened to
 * Pod Security "restricted"; the read-only and all-namespaces variants; the demo apps and their
 * Parallel variant.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterPermissions, grantedKeys, key, namespacePickerPermissions, namespacedPermissions, readOnlyPermissions, type PolicyRule } from './dashboardPermissions';
import { find, kubectlMissing, kustomizationDirs, kustomize, repositoryRoot, type KubeObject } from './kubectl';

interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[]; add?: string[] }; seccompProfile?: { type: string } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName?: string;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
  containers: Container[];
  volumes?: { name: string; emptyDir?: Record<string, unknown> }[];
  hostNetwork?: boolean;
  hostPID?: boolean;
}
interface Deployment extends KubeObject {
  spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}
interface RoleObject extends KubeObject {
  rules: PolicyRule[];
}
interface Binding extends KubeObject {
  roleRef: { kind: string; name: string };
  subjects: { kind: string; name: string; namespace?: string }[];
}

const rulesOf = (objects: KubeObject[], kind: string, name: string, namespace?: string) => (find(objects, kind, name, namespace) as RoleObject).rules;
const keys = (permissions: { group: string; resource: string; verb: string }[]) => [...new Set(permissions.map(key))].sort();
const env = (container: Container, name: string) => container.env?.find((variable) => variable.name === name);

describe.skipIf(kubectlMissing)('kustomizations', () => {
  const builds = new Map<string, KubeObject[]>();
  beforeAll(async () => {
    for (const dir of kustomizationDirs()) builds.set(dir, await kustomize(dir));
  });
  const built = (dir: string) => {
    const objects = builds.get(dir);
    if (!objects) throw new Error(`${dir} has no kustomization.yaml`);
    return objects;
  };

  it('builds every kustomization under manifests/ into well-formed objects', () => {
    const dirs = kustomizationDirs();
    for (const expected of ['manifests/dashboard', 'manifests/dashboard/base', 'manifests/dashboard/overlays/read-only', 'manifests/dashboard/overlays/all-namespaces', 'manifests/demo', 'manifests/demo-overlays/parallel', 'manifests/demo-overlays/visits-app']) {
      expect(dirs).toContain(expected);
    }
    for (const dir of dirs) {
      expect(built(dir).length, dir).toBeGreaterThan(0);
      for (const object of built(dir)) {
        expect(object.apiVersion, `${dir} ${object.kind}`).toBeTruthy();
        expect(object.metadata?.name, `${dir} ${object.kind}`).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      }
    }
  });

  describe('manifests/dashboard', () => {
    it('is the base as it is', () => {
      expect(built('manifests/dashboard')).toEqual(built('manifests/dashboard/base'));
    });

    it('runs in its own namespace under its own ServiceAccount', () => {
      const objects = built('manifests/dashboard');
      find(objects, 'Namespace', 'sts-explorer');
      find(objects, 'ServiceAccount', 'sts-explorer', 'sts-explorer');
      const deployment = find(objects, 'Deployment', 'sts-explorer', 'sts-explorer') as Deployment;
      expect(deployment.spec.template.spec.serviceAccountName).toBe('sts-explorer');
      // Nothing on secrets, and not even the kind: no object of the kustomization is a Secret (the user makes the token).
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    });

    it('grants exactly what the features use, in the apps\' namespace, and nothing on secrets', () => {
      const objects = built('manifests/dashboard');
      const rules = rulesOf(objects, 'Role', 'sts-explorer', 'default');
      expect(grantedKeys(rules)).toEqual(keys(namespacedPermissions));
      expect(JSON.stringify(rules)).not.toMatch(/\*|secrets/);
      expect(rules.every((rule) => !rule.resourceNames)).toBe(true);
      const binding = find(objects, 'RoleBinding', 'sts-explorer', 'default') as Binding;
      expect(binding.roleRef).toMatchObject({ kind: 'Role', name: 'sts-explorer' });
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'sts-explorer', namespace: 'sts-explorer' }]);
      // The only cluster-wide grant: asking the API server what it may do.
      const clusterRoles = objects.filter((o) => o.kind === 'ClusterRole') as RoleObject[];
      expect(clusterRoles.map((role) => role.metadata.name)).toEqual(['sts-explorer-access-review']);
      expect(grantedKeys(clusterRoles[0].rules)).toEqual(keys(clusterPermissions));
      const clusterBinding = find(objects, 'ClusterRoleBinding', 'sts-explorer-access-review') as Binding;
      expect(clusterBinding.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'sts-explorer-access-review' });
      expect(clusterBinding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'sts-explorer', namespace: 'sts-explorer' }]);
    });

    it('runs two replicas hardened to Pod Security "restricted", with probes, resources and the token from a Secret', () => {
      const deployment = find(built('manifests/dashboard'), 'Deployment', 'sts-explorer', 'sts-explorer') as Deployment;
      expect(deployment.spec.replicas).toBe(2);
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod.hostNetwork ?? false).toBe(false);
      expect(pod.containers).toHaveLength(1);
      const [container] = pod.containers;
      expect(container.securityContext).toMatchObject({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
      expect(container.securityContext?.capabilities?.add).toBeUndefined();
      const httpPort = container.ports?.find((port) => port.name === 'http');
      expect(httpPort?.containerPort).toBe(3000);
      for (const probe of [container.readinessProbe, container.livenessProbe]) expect(probe?.httpGet).toEqual({ path: '/api/health', port: 'http' });
      expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(container.resources?.limits?.memory).toBeTruthy();
      expect(env(container, 'HOST')?.value).toBe('0.0.0.0');
      expect(env(container, 'CLUSTER')?.value).toBe('in-cluster');
      expect(env(container, 'PORT')?.value).toBe('3000');
      expect(env(container, 'DASHBOARD_TOKEN')?.valueFrom?.secretKeyRef).toEqual({ name: 'sts-explorer-token', key: 'token' });
      expect(env(container, 'READ_ONLY')).toBeUndefined();
      // The root file system is read-only: /tmp is the one writable place, an emptyDir.
      const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      expect(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
      expect(container.volumeMounts).toHaveLength(1);
    });

    it('exposes the pods through a Service on their http port', () => {
      const objects = built('manifests/dashboard');
      const deployment = find(objects, 'Deployment', 'sts-explorer', 'sts-explorer') as Deployment;
      const service = find(objects, 'Service', 'sts-explorer', 'sts-explorer') as KubeObject & { spec: { selector: Record<string, string>; ports: { targetPort: string }[] } };
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
      expect(service.spec.ports.map((port) => port.targetPort)).toEqual(['http']);
    });
  });

  describe('manifests/dashboard/overlays/read-only', () => {
    it('sets READ_ONLY=true and leaves the Role reads only: no write verb, no exec, no proxy', () => {
      const objects = built('manifests/dashboard/overlays/read-only');
      const deployment = find(objects, 'Deployment', 'sts-explorer', 'sts-explorer') as Deployment;
      expect(env(deployment.spec.template.spec.containers[0], 'READ_ONLY')?.value).toBe('true');
      const rules = rulesOf(objects, 'Role', 'sts-explorer', 'default');
      expect(grantedKeys(rules)).toEqual(keys(readOnlyPermissions));
      expect(new Set(rules.flatMap((rule) => rule.verbs))).toEqual(new Set(['get', 'list', 'watch']));
    });

    it('changes nothing else', () => {
      const strip = (objects: KubeObject[]) => objects.filter((o) => o.kind !== 'Role' && o.kind !== 'Deployment');
      expect(strip(built('manifests/dashboard/overlays/read-only'))).toEqual(strip(built('manifests/dashboard')));
    });
  });

  describe('manifests/dashboard/overlays/all-namespaces', () => {
    it('grants the Role\'s permissions in every namespace, plus reading namespaces, through a ClusterRole', () => {
      const objects = built('manifests/dashboard/overlays/all-namespaces');
      expect(objects.filter((o) => o.kind === 'Role' || o.kind === 'RoleBinding')).toEqual([]);
      const rules = rulesOf(objects, 'ClusterRole', 'sts-explorer');
      expect(grantedKeys(rules)).toEqual(keys([...namespacedPermissions, ...namespacePickerPermissions]));
      expect(JSON.stringify(rules)).not.toMatch(/\*|secrets/);
      const binding = find(objects, 'ClusterRoleBinding', 'sts-explorer') as Binding;
      expect(binding.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'sts-explorer' });
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'sts-explorer', namespace: 'sts-explorer' }]);
    });
  });

  describe('manifests/demo', () => {
    it('lists every manifest of the directory', async () => {
      const { parse } = await import('yaml');
      const { readFileSync } = await import('node:fs');
      const dir = path.join(repositoryRoot, 'manifests', 'demo');
      const files = readdirSync(dir).filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml').sort();
      const listed = (parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as { resources: string[] }).resources;
      expect([...listed].sort()).toEqual(files);
    });

    it('holds the seed\'s two StatefulSets, ordered by default', () => {
      const statefulSets = built('manifests/demo').filter((o) => o.kind === 'StatefulSet') as (KubeObject & { spec: { podManagementPolicy?: string } })[];
      expect(statefulSets.map((s) => s.metadata.name).sort()).toEqual(['go-go-app', 'python-python-app']);
      for (const statefulSet of statefulSets) expect(statefulSet.spec.podManagementPolicy ?? 'OrderedReady').toBe('OrderedReady');
    });

    it('has a parallel variant that sets podManagementPolicy: Parallel on both StatefulSets and changes nothing else', () => {
      const parallel = built('manifests/demo-overlays/parallel');
      const base = built('manifests/demo');
      const statefulSets = parallel.filter((o) => o.kind === 'StatefulSet') as (KubeObject & { spec: { podManagementPolicy?: string } })[];
      expect(statefulSets).toHaveLength(2);
      for (const statefulSet of statefulSets) expect(statefulSet.spec.podManagementPolicy).toBe('Parallel');
      const withoutPolicy = (objects: KubeObject[]) =>
        objects.map((o) => (o.kind === 'StatefulSet' ? { ...o, spec: { ...(o.spec as object), podManagementPolicy: undefined } } : o));
      expect(withoutPolicy(parallel)).toEqual(withoutPolicy(base));
    });

    it('has a visits-app variant running the image built from sandbox/images/visits-app, on each app\'s own port', () => {
      const statefulSets = built('manifests/demo-overlays/visits-app').filter((o) => o.kind === 'StatefulSet') as (KubeObject & { spec: { template: { spec: PodSpec } } })[];
      expect(statefulSets).toHaveLength(2);
      for (const statefulSet of statefulSets) {
        const [container] = statefulSet.spec.template.spec.containers;
        expect(container.image).toBe('visits-app:1.0');
        // The app listens on $PORT, 8080 unless set: it must be the port the probes and the Service use.
        const port = Number(env(container, 'PORT')?.value ?? 8080);
        expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
      }
    });
  });
});
