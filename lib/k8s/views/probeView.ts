import type { V1Probe } from '@kubernetes/client-node';
import type { ProbeView } from '../viewModels';

/** A probe in `kubectl describe` wording: "http-get http://:8080/healthcheck delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(probe: V1Probe | undefined): ProbeView | undefined {
  if (!probe) return undefined;
  const timing = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
  let action = 'unknown';
  if (probe.exec) action = `exec [${(probe.exec.command ?? []).join(' ')}]`;
  else if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = probe.httpGet.host ?? '';
    const hostPort = host.includes(':') ? `[${host}]:${String(probe.httpGet.port)}` : `${host}:${String(probe.httpGet.port)}`;
    action = `http-get ${scheme}://${hostPort}${probe.httpGet.path ?? ''}`;
  } else if (probe.tcpSocket) action = `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port)}`;
  else if (probe.grpc) action = `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''}`.trimEnd();
  return { description: `${action} ${timing}` };
}
