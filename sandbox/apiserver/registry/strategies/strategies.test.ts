import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { defaultStorageClassAdmission, fieldErrorText, preserveAllocatedServiceFields, strategies, strategyFor, strategyForKind } from './index';

function statefulSet(overrides: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'visits-app:1.0',
              ports: [{ name: 'http', containerPort: 8080 }],
              readinessProbe: { httpGet: { port: 8080 } },
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...overrides,
    },
  };
}

function pod(container: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [container] } };
}

function check(apiVersion: string, kind: string, object: KubeObject, old?: KubeObject): string[] {
  const strategy = strategyForKind(apiVersion, kind);
  if (!strategy) throw new Error(`no strategy for ${kind}`);
  strategy.applyDefaults(object);
  return strategy.validate(object, old).map((error: FieldError) => fieldErrorText(error));
}

describe('strategies', () => {
  it('covers every resource of the API with a unique kind', () => {
    const names = strategies.map((strategy) => `${strategy.resource.group}/${strategy.resource.resource}`);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['/pods', 'apps/statefulsets', 'rbac.authorization.k8s.io/clusterrolebindings', 'authorization.k8s.io/selfsubjectaccessreviews']));
    expect(strategyFor({ group: 'apps', version: 'v1', resource: 'statefulsets' })?.kind).toBe('StatefulSet');
    expect(strategyForKind('v1', 'PersistentVolumeClaim')?.shortNames).toEqual(['pvc']);
  });

  it('defaults a StatefulSet as the real API server does', () => {
    const object = statefulSet();
    expect(check('apps/v1', 'StatefulSet', object)).toEqual([]);
    const spec = object.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        spec: {
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
          securityContext: {},
          containers: [
            {
              imagePullPolicy: 'IfNotPresent',
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              resources: {},
              ports: [{ protocol: 'TCP' }],
              readinessProbe: { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, httpGet: { path: '/', scheme: 'HTTP' } },
            },
          ],
        },
      },
      volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
    });
  });

  it('pulls :latest and untagged images always, tagged ones if not present', () => {
    for (const [image, policy] of [
      ['nginx', 'Always'],
      ['quiner/app-python:latest', 'Always'],
      ['registry:5000/app', 'Always'],
      ['registry:5000/app:2.0', 'IfNotPresent'],
      ['app@sha256:abc', 'IfNotPresent'],
    ]) {
      const object = pod({ name: 'c', image });
      check('v1', 'Pod', object);
      expect((object.spec as { containers: Array<{ imagePullPolicy: string }> }).containers[0].imagePullPolicy, image).toBe(policy);
    }
  });

  it('rejects negative replicas, a selector that misses the template and bad names with the real wording', () => {
    const object = statefulSet({ replicas: -1, selector: { matchLabels: { app: 'other' } } });
    object.metadata.name = 'Web_1';
    expect(check('apps/v1', 'StatefulSet', object)).toEqual([
      "metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('names a missing selector and a missing name as required', () => {
    const object = statefulSet({ selector: undefined });
    object.metadata.name = undefined;
    expect(check('apps/v1', 'StatefulSet', object)).toEqual(['metadata.name: Required value: name or generateName is required', 'spec.selector: Required value']);
  });

  it('forbids changes to StatefulSet fields other than the mutable ones', () => {
    const old = statefulSet();
    check('apps/v1', 'StatefulSet', old);
    const scaled = structuredClone(old);
    (scaled.spec as Record<string, unknown>).replicas = 5;
    expect(check('apps/v1', 'StatefulSet', scaled, old)).toEqual([]);
    const renamed = structuredClone(old);
    (renamed.spec as Record<string, unknown>).serviceName = 'other';
    expect(check('apps/v1', 'StatefulSet', renamed, old)).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
    expect(strategyForKind('apps/v1', 'StatefulSet')?.specChanged?.(scaled, old)).toBe(true);
  });

  it('validates pod containers like the real server', () => {
    expect(check('v1', 'Pod', pod({ name: 'c', image: ' nginx' }))).toEqual(['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']);
    expect(check('v1', 'Pod', pod({ name: 'C', ports: [{ containerPort: 70000 }] }))).toEqual([
      "spec.containers[0].name: Invalid value: \"C\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.containers[0].image: Required value',
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(check('v1', 'Pod', pod({ name: 'c', image: 'x', resources: { requests: { cpu: '200m' }, limits: { cpu: '100m' } } }))).toEqual([
      'spec.containers[0].resources.requests[cpu]: Invalid value: "200m": must be less than or equal to cpu limit of 100m',
    ]);
    expect(check('v1', 'Pod', pod({ name: 'c', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/d' }] }))).toEqual(['spec.containers[0].volumeMounts[0].name: Not found: "data"']);
  });

  it('lets a pod change only its images', () => {
    const old = pod({ name: 'c', image: 'visits-app:1.0' });
    check('v1', 'Pod', old);
    const newImage = structuredClone(old);
    (newImage.spec as { containers: Array<Record<string, unknown>> }).containers[0].image = 'visits-app:2.0';
    expect(check('v1', 'Pod', newImage, old)).toEqual([]);
    const newPort = structuredClone(old);
    (newPort.spec as { containers: Array<Record<string, unknown>> }).containers[0].ports = [{ containerPort: 80 }];
    expect(check('v1', 'Pod', newPort, old)[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });

  it('defaults Services and keeps allocated addresses on update', () => {
    const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', ports: [{ port: 8080 }] } };
    expect(check('v1', 'Service', service)).toEqual([]);
    expect(service.spec).toMatchObject({
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 8080, protocol: 'TCP', targetPort: 8080 }],
    });
    const stored = structuredClone(service);
    Object.assign(stored.spec as Record<string, unknown>, { clusterIP: '127.96.0.10', clusterIPs: ['127.96.0.10'] });
    ((stored.spec as { ports: Array<Record<string, unknown>> }).ports[0]).nodePort = 31110;
    const applied = structuredClone(service);
    preserveAllocatedServiceFields(applied, stored);
    expect(applied.spec).toMatchObject({ clusterIP: '127.96.0.10', ports: [{ nodePort: 31110 }] });
    const moved = structuredClone(stored);
    (moved.spec as Record<string, unknown>).clusterIP = '127.96.0.11';
    expect(check('v1', 'Service', moved, stored)).toEqual(['spec.clusterIPs[0]: Invalid value: "127.96.0.11": may not change once set']);
    const badNodePort = structuredClone(service);
    ((badNodePort.spec as { ports: Array<Record<string, unknown>> }).ports[0]).nodePort = 80;
    expect(check('v1', 'Service', badNodePort)).toEqual(['spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767']);
  });

  it('requires a DNS-1035 Service name and named ports when there are several', () => {
    const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web', namespace: 'default' }, spec: { ports: [{ port: 80 }, { port: 81 }] } };
    expect(check('v1', 'Service', service)).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      'spec.ports[0].name: Required value',
      'spec.ports[1].name: Required value',
    ]);
  });

  it('keeps a claim spec immutable but lets it bind and take the default class', () => {
    const claim: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-web-0', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    expect(check('v1', 'PersistentVolumeClaim', claim)).toEqual([]);
    expect(claim).toMatchObject({ spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    defaultStorageClassAdmission(claim, [
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'slow' } },
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } },
    ]);
    expect((claim.spec as Record<string, unknown>).storageClassName).toBe('standard');
    const bound = structuredClone(claim);
    (bound.spec as Record<string, unknown>).volumeName = 'pvc-123';
    expect(check('v1', 'PersistentVolumeClaim', bound, claim)).toEqual([]);
    const changed = structuredClone(bound);
    (changed.spec as Record<string, unknown>).accessModes = ['ReadWriteMany'];
    expect(check('v1', 'PersistentVolumeClaim', changed, bound)).toEqual(['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims']);
    const empty: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'default' }, spec: {} };
    expect(check('v1', 'PersistentVolumeClaim', empty)).toEqual(['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']);
  });

  it('labels namespaces with their name and defaults RBAC subjects', () => {
    const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
    expect(check('v1', 'Namespace', namespace)).toEqual([]);
    expect(namespace).toMatchObject({ metadata: { labels: { 'kubernetes.io/metadata.name': 'team-a' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    const binding: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'default' },
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'viewer' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'default' }],
    };
    expect(check('rbac.authorization.k8s.io/v1', 'RoleBinding', binding)).toEqual([]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' });
    expect(binding.subjects).toEqual([
      { kind: 'User', name: 'viewer', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'sa', namespace: 'default', apiGroup: '' },
    ]);
    const review: KubeObject = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } };
    expect(check('authorization.k8s.io/v1', 'SelfSubjectAccessReview', review)).toEqual([]);
  });

  it('merges stringData into data and checks the keys each Secret type needs', () => {
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { a: 'b2xk', keep: 'eA==' }, stringData: { a: 'new' } };
    expect(check('v1', 'Secret', secret)).toEqual([]);
    expect(secret).toMatchObject({ type: 'Opaque', data: { a: Buffer.from('new').toString('base64'), keep: 'eA==' } });
    expect(secret).not.toHaveProperty('stringData');
    const token: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't', namespace: 'default' }, type: 'kubernetes.io/service-account-token' };
    expect(check('v1', 'Secret', token)).toEqual(['metadata.annotations[kubernetes.io/service-account.name]: Required value']);
    token.metadata.annotations = { 'kubernetes.io/service-account.name': 'default' };
    expect(check('v1', 'Secret', token)).toEqual([]);
    const tls: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'default' }, type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'x' } };
    expect(check('v1', 'Secret', tls)).toEqual(['data[tls.key]: Required value']);
    const basic: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b', namespace: 'default' }, type: 'kubernetes.io/basic-auth', data: { password: '' } };
    expect(check('v1', 'Secret', basic)).toEqual([]);
  });
});
