import { describe, expect, it } from 'vitest';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { describeText } from './describeText';

const detail = {
  statefulSet: {
    name: 'python-python-app', namespace: 'default', creationTimestamp: '2023-11-28T14:26:56Z', selector: { 'app.kubernetes.io/instance': 'python' },
    labels: {}, annotations: { 'meta.helm.sh/release-name': 'python' }, replicas: 3, statusReplicas: 3, updateStrategy: { type: 'RollingUpdate', partition: 0 },
  },
  template: {
    labels: { app: 'python' }, annotations: {}, serviceAccount: 'internal-app', initContainers: [], volumes: [{ name: 'config-volume', type: 'ConfigMap (a volume populated by a ConfigMap)', details: [['Name', 'python-app-configmap']] }],
    containers: [{
      name: 'python-app', image: 'quiner/app-python:latest', ports: [{ containerPort: 8080, protocol: 'TCP' }], limits: { cpu: '100m' }, requests: {}, envFrom: [],
      liveness: { description: 'http-get http://:8080/healthcheck delay=0s timeout=1s period=10s #success=1 #failure=3' },
      env: [{ name: 'MY_PASSWORD', value: "<set to the key 'password' in secret 'credentials'>", source: 'secretKeyRef', optional: false }],
      mounts: [{ mountPath: '/app/data', name: 'visits-data', readOnly: false }],
    }],
  },
  claimTemplates: [{ name: 'visits-data', storageClass: '', capacity: '1Gi', accessModes: ['ReadWriteOnce'], labels: {}, annotations: {} }],
  pods: [{ phase: 'Running' }, { phase: 'Running' }, { phase: 'Pending' }],
} as unknown as StatefulSetDetail;

describe('describeText', () => {
  it('prints the StatefulSet the way kubectl describe sts does', () => {
    const text = describeText(detail);
    expect(text).toContain('Name:               python-python-app');
    expect(text).toContain('Replicas:           3 desired | 3 total');
    expect(text).toContain('  Partition:        0');
    expect(text).toContain('Pods Status:        2 Running / 1 Waiting / 0 Succeeded / 0 Failed');
    expect(text).toContain('  Service Account:  internal-app');
    expect(text).toContain("MY_PASSWORD:  <set to the key 'password' in secret 'credentials'>  Optional: false");
    expect(text).toContain('    Liveness:   http-get http://:8080/healthcheck');
    expect(text).toContain('      /app/data from visits-data (rw)');
    expect(text).toContain('  Access Modes:  [ReadWriteOnce]');
  });
});
