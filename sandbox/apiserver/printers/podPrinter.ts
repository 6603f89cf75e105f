import type { KubeObject } from '../../store/types';
import { timestampSince } from './age';
import { list, num, obj, spec, status, str, type Json } from './fields';
import { ageColumn, column, nameColumn, type KindPrinter, type PrintContext, type TableCell, type TableRowCondition } from './table';

/** Pods: printPod in printers.go, including its STATUS reasoning and "N (Xm ago)" restarts. */

function isRestartableInit(container: Json | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function conditionTrue(podStatus: Json, type: string): boolean {
  return list(podStatus.conditions).some((condition) => condition.type === type && condition.status === 'True');
}

function finishedAt(containerStatus: Json): number | undefined {
  const terminated = obj(obj(containerStatus.lastState).terminated);
  const time = Date.parse(str(terminated.finishedAt));
  return Number.isNaN(time) ? undefined : time;
}

interface PodSummary {
  ready: string;
  reason: string;
  restarts: string;
}

export function summarizePod(pod: KubeObject, now: number): PodSummary {
  const podSpec = spec(pod);
  const podStatus = status(pod);
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = list(podSpec.containers).length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const later = (current: number | undefined, candidate: number | undefined) => (candidate !== undefined && (current === undefined || candidate > current) ? candidate : current);

  const phase = str(podStatus.phase);
  let reason = str(podStatus.reason) || phase;
  for (const condition of list(podStatus.conditions)) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map(list(podSpec.initContainers).map((container) => [str(container.name), container]));
  for (const container of initContainers.values()) if (isRestartableInit(container)) totalContainers++;

  let initializing = false;
  const initStatuses = list(podStatus.initContainerStatuses);
  for (let index = 0; index < initStatuses.length; index++) {
    const containerStatus = initStatuses[index];
    const state = obj(containerStatus.state);
    const terminated = state.terminated === undefined ? undefined : obj(state.terminated);
    const waiting = state.waiting === undefined ? undefined : obj(state.waiting);
    restarts += num(containerStatus.restartCount);
    lastRestart = later(lastRestart, finishedAt(containerStatus));
    const restartable = isRestartableInit(initContainers.get(str(containerStatus.name)));
    if (restartable) {
      restartableInitRestarts += num(containerStatus.restartCount);
      lastRestartableInitRestart = later(lastRestartableInitRestart, finishedAt(containerStatus));
    }
    if (terminated && num(terminated.exitCode) === 0) continue;
    if (restartable && containerStatus.started === true) {
      if (containerStatus.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!str(terminated.reason)) reason = num(terminated.signal) !== 0 ? `Init:Signal:${num(terminated.signal)}` : `Init:ExitCode:${num(terminated.exitCode)}`;
      else reason = `Init:${str(terminated.reason)}`;
    } else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${index}/${initContainers.size}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(podStatus, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = list(podStatus.containerStatuses);
    for (let index = statuses.length - 1; index >= 0; index--) {
      const containerStatus = statuses[index];
      const state = obj(containerStatus.state);
      const terminated = state.terminated === undefined ? undefined : obj(state.terminated);
      const waiting = state.waiting === undefined ? undefined : obj(state.waiting);
      restarts += num(containerStatus.restartCount);
      lastRestart = later(lastRestart, finishedAt(containerStatus));
      if (waiting && str(waiting.reason)) reason = str(waiting.reason);
      else if (terminated && str(terminated.reason)) reason = str(terminated.reason);
      else if (terminated) reason = num(terminated.signal) !== 0 ? `Signal:${num(terminated.signal)}` : `ExitCode:${num(terminated.exitCode)}`;
      else if (containerStatus.ready === true && state.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(podStatus, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = Boolean(pod.metadata.deletionTimestamp);
  if (deleting && podStatus.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsText = `${restarts} (${timestampSince(new Date(lastRestart).toISOString(), now)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsText };
}

function wideCells(pod: KubeObject): TableCell[] {
  const podSpec = spec(pod);
  const podStatus = status(pod);
  const podIPs = list(podStatus.podIPs);
  const podIP = str(podIPs[0]?.ip) || '<none>';
  const nodeName = str(podSpec.nodeName) || '<none>';
  const nominated = str(podStatus.nominatedNodeName) || '<none>';
  let readinessGates = '<none>';
  const gates = list(podSpec.readinessGates);
  if (gates.length > 0) {
    const conditions = list(podStatus.conditions);
    const trueCount = gates.filter((gate) => conditions.find((condition) => condition.type === gate.conditionType)?.status === 'True').length;
    readinessGates = `${trueCount}/${gates.length}`;
  }
  return [podIP, nodeName, nominated, readinessGates];
}

export const podPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn,
    column('IP', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', { priority: 1 }),
    column('Node', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.', { priority: 1 }),
    column('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.', { priority: 1 }),
    column('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', { priority: 1 }),
  ],
  cells(pod: KubeObject, context: PrintContext): TableCell[] {
    const summary = summarizePod(pod, context.now);
    const cells: TableCell[] = [str(pod.metadata.name), summary.ready, summary.reason, summary.restarts, timestampSince(pod.metadata.creationTimestamp, context.now)];
    return context.wide ? [...cells, ...wideCells(pod)] : cells;
  },
  conditions(pod: KubeObject): TableRowCondition[] | undefined {
    const phase = status(pod).phase;
    if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};
