import type { ContainerView, StatefulSetDetail } from '@/lib/k8s/viewModels';

/**
 * The StatefulSet as `kubectl describe sts` prints it (without the events, shown live beside it).
 * Written from the view model: what the server sent is exactly what is shown, Secret values never included.
 */

function mapLines(label: string, map: Record<string, string>, indent: string, width: number): string[] {
  const entries = Object.entries(map);
  const pad = (text: string) => `${indent}${text}`.padEnd(width);
  if (entries.length === 0) return [`${pad(`${label}:`)}<none>`];
  return entries.map(([key, value], index) => `${index === 0 ? pad(`${label}:`) : ' '.repeat(width)}${key}${label === 'Annotations' ? ': ' : '='}${value}`);
}

function containerLines(container: ContainerView): string[] {
  const lines = [`   ${container.name}:`, `    Image:      ${container.image}`];
  if (container.ports.length === 0) lines.push('    Port:       <none>');
  for (const port of container.ports) lines.push(`    Port:       ${port.containerPort}/${port.protocol}${port.name ? ` (${port.name})` : ''}`);
  if (container.command?.length) lines.push(`    Command:`, ...container.command.map((part) => `      ${part}`));
  if (container.args?.length) lines.push(`    Args:`, ...container.args.map((part) => `      ${part}`));
  for (const [title, values] of [
    ['Limits', container.limits],
    ['Requests', container.requests],
  ] as const) {
    const entries = Object.entries(values);
    if (entries.length) lines.push(`    ${title}:`, ...entries.map(([key, value]) => `      ${`${key}:`.padEnd(9)}${value}`));
  }
  if (container.liveness) lines.push(`    Liveness:   ${container.liveness.description}`);
  if (container.readiness) lines.push(`    Readiness:  ${container.readiness.description}`);
  if (container.startup) lines.push(`    Startup:    ${container.startup.description}`);
  if (container.envFrom.length) lines.push('    Environment Variables from:', ...container.envFrom.map((source) => `      ${source}`));
  if (container.env.length === 0) lines.push('    Environment:  <none>');
  else {
    const width = Math.max(...container.env.map((variable) => variable.name.length)) + 3;
    lines.push('    Environment:');
    for (const variable of container.env) {
      lines.push(`      ${`${variable.name}:`.padEnd(width)}${variable.value}${variable.optional !== undefined ? `  Optional: ${variable.optional}` : ''}`);
    }
  }
  if (container.mounts.length === 0) lines.push('    Mounts:       <none>');
  else {
    lines.push('    Mounts:');
    for (const mount of container.mounts) lines.push(`      ${mount.mountPath} from ${mount.name} (${mount.readOnly ? 'ro' : 'rw'}${mount.subPath ? `,path="${mount.subPath}"` : ''})`);
  }
  return lines;
}

export function describeText(detail: StatefulSetDetail): string {
  const sts = detail.statefulSet;
  const template = detail.template;
  const pods = detail.pods;
  const running = pods.filter((pod) => pod.phase === 'Running').length;
  const waiting = pods.filter((pod) => pod.phase === 'Pending').length;
  const succeeded = pods.filter((pod) => pod.phase === 'Succeeded').length;
  const failed = pods.filter((pod) => pod.phase === 'Failed').length;
  const lines: string[] = [
    `Name:               ${sts.name}`,
    `Namespace:          ${sts.namespace}`,
    `CreationTimestamp:  ${sts.creationTimestamp ? new Date(sts.creationTimestamp).toUTCString() : ''}`,
    `Selector:           ${Object.entries(sts.selector).map(([key, value]) => `${key}=${value}`).join(',')}`,
    ...mapLines('Labels', sts.labels, '', 20),
    ...mapLines('Annotations', sts.annotations, '', 20),
    `Replicas:           ${sts.replicas} desired | ${sts.statusReplicas} total`,
    `Update Strategy:    ${sts.updateStrategy.type}`,
  ];
  if (sts.updateStrategy.type === 'RollingUpdate') lines.push(`  Partition:        ${sts.updateStrategy.partition}`);
  lines.push(
    `Pods Status:        ${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`,
    'Pod Template:',
    ...mapLines('Labels', template.labels, '  ', 20),
    ...mapLines('Annotations', template.annotations, '  ', 20),
    `  Service Account:  ${template.serviceAccount || 'default'}`,
  );
  if (template.initContainers.length) lines.push('  Init Containers:', ...template.initContainers.flatMap(containerLines));
  lines.push('  Containers:', ...template.containers.flatMap(containerLines));
  if (template.volumes.length === 0) lines.push('  Volumes:  <none>');
  else {
    lines.push('  Volumes:');
    for (const volume of template.volumes) {
      lines.push(`   ${volume.name}:`, `    Type:       ${volume.type}`);
      for (const [key, value] of volume.details) lines.push(`    ${`${key}:`.padEnd(11)} ${value}`);
    }
  }
  if (detail.claimTemplates.length === 0) lines.push('Volume Claims:  <none>');
  else {
    lines.push('Volume Claims:');
    for (const claim of detail.claimTemplates) {
      lines.push(
        `  Name:          ${claim.name}`,
        `  StorageClass:  ${claim.storageClass}`,
        ...mapLines('Labels', claim.labels, '  ', 17),
        ...mapLines('Annotations', claim.annotations, '  ', 17),
        `  Capacity:      ${claim.capacity}`,
        `  Access Modes:  [${claim.accessModes.join(' ')}]`,
      );
    }
  }
  return lines.join('\n');
}
