import { describe, expect, it } from 'vitest';
import type { V1StatefulSet } from '@kubernetes/client-node';
import { statefulSetDetail } from './statefulSetDetail';
import type { NamespaceObjects } from './namespaceObjects';
import { unknownPermissions } from '../access/permissions';

const uid = 'sts-uid';
const sts: V1StatefulSet = {
  metadata: {
    name: 'web',
    namespace: 'default',
    uid,
    resourceVersion: '42',
    generation: 3,
    managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
    annotations: { 'sts-explorer.io/visits-path': '../../etc/passwd', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  },
  spec: {
    replicas: 2,
    serviceName: 'web-headless',
    selector: { matchLabels: { app: 'web' } },
    podManagementPolicy: 'Parallel',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'visits-app:1.0',
            ports: [{ containerPort: 8080, name: 'http' }],
            env: [
              { name: 'PLAIN', value: 'hello' },
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'credentials', key: 'password' } } },
              { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode', optional: true } } },
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            ],
            envFrom: [{ secretRef: { name: 'all-secrets' } }],
            livenessProbe: { httpGet: { path: '/healthcheck', port: 8080 } },
            readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5, failureThreshold: 1 },
            volumeMounts: [{ name: 'data', mountPath: '/app/data' }],
          },
        ],
        volumes: [
          { name: 'config', configMap: { name: 'python-app-configmap' } },
          { name: 'secret', secret: { secretName: 'credentials' } },
        ],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
  status: { replicas: 2, readyReplicas: 1, currentRevision: 'web-aaa', updateRevision: 'web-bbb' },
};

const owner = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid, controller: true }];
const objects: NamespaceObjects = {
  statefulsets: [sts],
  pods: [
    { metadata: { name: 'web-1', namespace: 'default', ownerReferences: owner, labels: { app: 'web' } }, spec: { containers: [{ name: 'app' }] }, status: { phase: 'Running' } },
    { metadata: { name: 'web-0', namespace: 'default', ownerReferences: owner, labels: { app: 'web' } }, spec: { containers: [{ name: 'app' }] }, status: { phase: 'Running' } },
    { metadata: { name: 'other-0', namespace: 'default', labels: { app: 'other' } }, spec: { containers: [{ name: 'app' }] } },
  ],
  services: [
    { metadata: { name: 'web-headless', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 8080 }] } },
    { metadata: { name: 'web-lb', namespace: 'default' }, spec: { type: 'LoadBalancer', clusterIP: '127.96.0.9', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] } },
    { metadata: { name: 'unrelated', namespace: 'default' }, spec: { clusterIP: '127.96.0.10', selector: { app: 'other' }, ports: [{ port: 80 }] } },
  ],
  endpoints: [
    {
      metadata: { name: 'web-lb', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '127.244.0.2', targetRef: { kind: 'Pod', name: 'web-0' } }], notReadyAddresses: [{ ip: '127.244.0.3', targetRef: { kind: 'Pod', name: 'web-1' } }], ports: [{ port: 8080 }] }],
    },
  ],
  persistentvolumeclaims: [
    { metadata: { name: 'data-web-0', namespace: 'default' }, spec: { volumeName: 'pvc-1', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound', capacity: { storage: '1Gi' } } },
    { metadata: { name: 'data-web-4', namespace: 'default' }, spec: {}, status: { phase: 'Bound' } },
    { metadata: { name: 'data-webby-0', namespace: 'default' }, spec: {}, status: { phase: 'Bound' } },
  ],
  controllerrevisions: [
    { metadata: { name: 'web-aaa', namespace: 'default', ownerReferences: owner }, revision: 1, data: { spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'app', image: 'visits-app:1.0' }] } } } } },
    { metadata: { name: 'web-bbb', namespace: 'default', ownerReferences: owner }, revision: 2, data: { spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'app', image: 'visits-app:2.0' }] } } } } },
  ],
  events: [
    { metadata: { name: 'e1', uid: 'e1' }, involvedObject: { kind: 'StatefulSet', name: 'web' }, reason: 'SuccessfulCreate', message: 'create Pod web-1 in StatefulSet web successful', source: { component: 'statefulset-controller' }, lastTimestamp: new Date('2026-01-01T00:00:02Z'), count: 1 },
    { metadata: { name: 'e2', uid: 'e2' }, involvedObject: { kind: 'Pod', name: 'web-0' }, reason: 'Started', message: 'Started container app', source: { component: 'kubelet' }, lastTimestamp: new Date('2026-01-01T00:00:01Z') },
    { metadata: { name: 'e3', uid: 'e3' }, involvedObject: { kind: 'Pod', name: 'other-0' }, reason: 'Started', message: 'x' },
  ],
};

describe('statefulSetDetail', () => {
  const detail = statefulSetDetail(sts, objects, { permissions: unknownPermissions(), readOnly: true });

  it('summarises the StatefulSet', () => {
    expect(detail.statefulSet).toMatchObject({ name: 'web', replicas: 2, readyReplicas: 1, podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', partition: 1 }, images: [{ container: 'app', image: 'visits-app:1.0' }] });
    expect(detail.statefulSet.annotations).not.toHaveProperty('kubectl.kubernetes.io/last-applied-configuration');
    expect(detail.readOnly).toBe(true);
  });

  it('describes env sources, probes and volumes in kubectl wording without Secret values', () => {
    const container = detail.template.containers[0];
    expect(container.env).toEqual([
      { name: 'PLAIN', value: 'hello', source: 'value' },
      { name: 'PASSWORD', value: "<set to the key 'password' in secret 'credentials'>", source: 'secretKeyRef', optional: false },
      { name: 'MODE', value: "<set to the key 'mode' of config map 'settings'>", source: 'configMapKeyRef', optional: true },
      { name: 'POD_NAME', value: ' (v1:metadata.name)', source: 'fieldRef' },
    ]);
    expect(container.envFrom).toEqual(['all-secrets  Secret  Optional: false']);
    expect(container.liveness?.description).toBe('http-get http://:8080/healthcheck delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(container.readiness?.description).toBe('exec [cat /tmp/ready] delay=0s timeout=1s period=5s #success=1 #failure=1');
    expect(detail.template.volumes).toEqual([
      { name: 'config', type: 'ConfigMap', details: [['Name', 'python-app-configmap'], ['Optional', 'false']] },
      { name: 'secret', type: 'Secret', details: [['SecretName', 'credentials'], ['Optional', 'false']] },
    ]);
    expect(detail.claimTemplates).toEqual([{ name: 'data', storageClass: '<default>', capacity: '1Gi', accessModes: ['ReadWriteOnce'], labels: {}, annotations: {} }]);
  });

  it('orders its pods, finds its claims with ordinals and marks the orphaned one', () => {
    expect(detail.pods.map((pod) => pod.name)).toEqual(['web-0', 'web-1']);
    expect(detail.claims.map((claim) => [claim.name, claim.ordinal, claim.pod, claim.orphaned])).toEqual([
      ['data-web-0', 0, 'web-0', false],
      ['data-web-4', 4, 'web-4', true],
    ]);
  });

  it('finds the governing and selecting Services with their endpoints', () => {
    expect(detail.services.map((service) => service.name)).toEqual(['web-headless', 'web-lb']);
    const lb = detail.services[1];
    expect(lb).toMatchObject({ type: 'LoadBalancer', externalIP: '<pending>', headless: false, ports: [{ port: 80, targetPort: '8080', nodePort: 30080, protocol: 'TCP' }] });
    expect(lb.readyEndpoints).toEqual([{ ip: '127.244.0.2', pod: 'web-0', ports: [{ port: 8080 }] }]);
    expect(lb.notReadyEndpoints.map((endpoint) => endpoint.pod)).toEqual(['web-1']);
    expect(detail.services[0].headless).toBe(true);
  });

  it('lists revisions newest first with their images, and the related events newest first', () => {
    expect(detail.revisions.map((revision) => [revision.revision, revision.hash, revision.isCurrent, revision.isUpdate, revision.images[0].image])).toEqual([
      [2, 'bbb', false, true, 'visits-app:2.0'],
      [1, 'aaa', true, false, 'visits-app:1.0'],
    ]);
    expect(detail.revisions[0].templateYaml).not.toContain('$patch');
    expect(detail.events.map((event) => event.reason)).toEqual(['SuccessfulCreate', 'Started']);
  });

  it('drops managedFields from the YAML and ignores an unsafe visits path annotation', () => {
    expect(detail.yaml).toContain('name: web');
    expect(detail.yaml).not.toContain('managedFields');
    expect(detail.visitsPath).toBe('data/visits.txt');
  });
});
