import type { KubeObject } from '../../store/types';
import { timestampSince } from './age';
import { list, num, obj, spec, status, str } from './fields';
import { ageColumn, column, nameColumn, type KindPrinter, type TableCell } from './table';

/** Namespaces, Nodes and Events (printNamespace, printNode, printEvent). */

export const namespacePrinter: KindPrinter = {
  columns: [nameColumn, column('Status', 'The status of the namespace'), ageColumn],
  cells(object, context) {
    return [str(object.metadata.name), str(status(object).phase), timestampSince(object.metadata.creationTimestamp, context.now)];
  },
};

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: KubeObject, type: string): string {
  return str(list(status(node).addresses).find((address) => address.type === type)?.address) || '<none>';
}

export const nodePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    ageColumn,
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('External-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', { priority: 1 }),
    column('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", { priority: 1 }),
    column('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', { priority: 1 }),
  ],
  cells(node, context) {
    const ready = list(status(node).conditions).find((condition) => condition.type === 'Ready');
    const states: string[] = [];
    if (ready) states.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    else states.push('Unknown');
    if (spec(node).unschedulable === true) states.push('SchedulingDisabled');
    const info = obj(status(node).nodeInfo);
    const cells: TableCell[] = [str(node.metadata.name), states.join(','), nodeRoles(node), timestampSince(node.metadata.creationTimestamp, context.now), str(info.kubeletVersion)];
    if (!context.wide) return cells;
    return [
      ...cells,
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
};

function eventSource(event: KubeObject): string {
  const source = obj(event.source);
  const component = str(source.component) || str(event.reportingComponent);
  const instance = str(source.host) || str(event.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: KindPrinter = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    column('Object', 'The object that this event is about.'),
    column('Subobject', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', { priority: 1 }),
    column('Source', 'The component reporting this event. Should be a short machine understandable string.', { priority: 1 }),
    column('Message', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', { priority: 1 }),
    column('Count', 'The number of times this event has occurred.', { priority: 1 }),
    column('Name', 'Name must be unique within a namespace.', { priority: 1, format: 'name' }),
  ],
  cells(event, context) {
    const firstSeen = event.firstTimestamp ? timestampSince(event.firstTimestamp, context.now) : timestampSince(event.eventTime, context.now);
    let lastSeen = event.lastTimestamp ? timestampSince(event.lastTimestamp, context.now) : firstSeen;
    let count = num(event.count);
    const series = event.series === undefined || event.series === null ? undefined : obj(event.series);
    if (series) {
      lastSeen = timestampSince(series.lastObservedTime, context.now);
      count = num(series.count);
    } else if (count === 0) {
      count = 1;
    }
    const involved = obj(event.involvedObject);
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
    const message = str(event.message).trim();
    if (!context.wide) return [lastSeen, str(event.type), str(event.reason), target, message];
    return [lastSeen, str(event.type), str(event.reason), target, str(involved.fieldPath), eventSource(event), message, firstSeen, count, str(event.metadata.name)];
  },
};
