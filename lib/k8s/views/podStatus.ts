import type { V1Pod } from '@kubernetes/client-node';

/**
 * The STATUS column of `kubectl get pods`, following the order of kubectl's pod printer: the
 * pod's reason or phase, then the first init container that has not finished, then the last
 * container's waiting/terminated reason, then Terminating when the pod is being deleted.
 */
export function podStatus(pod: V1Pod): string {
  const status = pod.status;
  let reason: string = status?.reason || status?.phase || 'Unknown';
  const initStatuses = status?.initContainerStatuses ?? [];
  const initCount = pod.spec?.initContainers?.length ?? initStatuses.length;
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i += 1) {
    const container = initStatuses[i];
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) {
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const statuses = status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i -= 1) {
      const container = statuses[i];
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      else if (container.ready && container.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp && status?.reason === 'NodeLost') return 'Unknown';
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  return reason;
}
