import type { V1Container, V1PersistentVolumeClaim, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { ClaimTemplateView, ContainerView, PodTemplateView } from '../viewModels';
import { describeEnvFrom, describeEnvVar } from './envView';
import { describeProbe } from './probeView';
import { describeVolume } from './volumeView';
import { quantities, quantity } from './format';

export function containerView(container: V1Container): ContainerView {
  return {
    name: container.name,
    image: container.image ?? '',
    ports: (container.ports ?? []).map((port) => ({ ...(port.name ? { name: port.name } : {}), containerPort: port.containerPort, protocol: port.protocol ?? 'TCP' })),
    limits: quantities(container.resources?.limits as Record<string, unknown> | undefined),
    requests: quantities(container.resources?.requests as Record<string, unknown> | undefined),
    liveness: describeProbe(container.livenessProbe),
    readiness: describeProbe(container.readinessProbe),
    startup: describeProbe(container.startupProbe),
    env: (container.env ?? []).map(describeEnvVar),
    envFrom: (container.envFrom ?? []).map(describeEnvFrom),
    mounts: (container.volumeMounts ?? []).map((mount) => ({ mountPath: mount.mountPath, name: mount.name, readOnly: mount.readOnly ?? false, ...(mount.subPath ? { subPath: mount.subPath } : {}) })),
    ...(container.command ? { command: container.command } : {}),
    ...(container.args ? { args: container.args } : {}),
  };
}

export function podTemplateView(template: V1PodTemplateSpec | undefined): PodTemplateView {
  const spec = template?.spec;
  return {
    labels: template?.metadata?.labels ?? {},
    annotations: template?.metadata?.annotations ?? {},
    serviceAccount: spec?.serviceAccountName ?? spec?.serviceAccount ?? 'default',
    containers: (spec?.containers ?? []).map(containerView),
    initContainers: (spec?.initContainers ?? []).map(containerView),
    volumes: (spec?.volumes ?? []).map(describeVolume),
  };
}

export function claimTemplateView(claim: V1PersistentVolumeClaim): ClaimTemplateView {
  return {
    name: claim.metadata?.name ?? '',
    storageClass: claim.spec?.storageClassName ?? '<default>',
    capacity: quantity(claim.spec?.resources?.requests?.storage),
    accessModes: claim.spec?.accessModes ?? [],
    labels: claim.metadata?.labels ?? {},
    annotations: claim.metadata?.annotations ?? {},
  };
}
