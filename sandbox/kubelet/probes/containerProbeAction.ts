import type { ContainerFileSystem } from '../filesystem/containerFileSystem';
import { emptyInput } from '../exec/inputSource';
import { ShellInterpreter } from '../exec/shellInterpreter';
import type { ContainerPort, Probe } from '../podTypes';
import { httpProbe, tcpProbe, type ProbeOutcome } from './probeActions';

/** What a probe of one running container needs to reach it. */
export interface ProbedContainer {
  podIP: string;
  hostname: string;
  ports: ContainerPort[];
  /** containerPort -> where it really listens (differs from podIP:port with mapped ports). */
  listening: ReadonlyMap<number, { host: string; port: number }>;
  fs: ContainerFileSystem | undefined;
  env: Map<string, string> | undefined;
}

/** `port: http` names a containerPort; a number is used as is. */
function portNumber(port: number | string, ports: ContainerPort[]): number {
  return typeof port === 'number' ? port : Number(ports.find((candidate) => candidate.name === port)?.containerPort ?? port);
}

/** exec probes run the built-in command in the container's file system, like `kubectl exec`. */
async function execProbe(container: ProbedContainer, command: string[], timeoutMs: number): Promise<ProbeOutcome> {
  if (!container.fs || !container.env) return { success: false, message: 'container not running' };
  let output = '';
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const shell = { fs: container.fs, env: new Map(container.env), cwd: container.fs.workingDir, hostname: container.hostname, lastStatus: 0, positional: ['sh'] };
  try {
    const status = await new ShellInterpreter(shell).runArgv(command, { stdin: emptyInput, stdout: (text) => (output += text), stderr: (text) => (output += text), signal: abort.signal }, shell.env);
    if (abort.signal.aborted) return { success: false, message: `command "${command.join(' ')}" timed out after ${timeoutMs / 1000}s` };
    return { success: status === 0, message: output.trim() || `command "${command.join(' ')}" exited with ${status}` };
  } finally {
    clearTimeout(timer);
  }
}

/** The action a ProbeWorker runs for `probe`, reading the container's current state each time. */
export function containerProbeAction(probe: Probe, container: () => ProbedContainer): (timeoutMs: number) => Promise<ProbeOutcome> {
  return async (timeoutMs) => {
    const current = container();
    if (probe.httpGet) {
      const port = portNumber(probe.httpGet.port, current.ports);
      const target = probe.httpGet.host ? { host: probe.httpGet.host, port } : (current.listening.get(port) ?? { host: current.podIP, port });
      return httpProbe(
        { scheme: probe.httpGet.scheme ?? 'HTTP', host: target.host, port: target.port, displayHost: probe.httpGet.host ?? current.podIP, displayPort: port, path: probe.httpGet.path ?? '/', headers: probe.httpGet.httpHeaders ?? [] },
        timeoutMs,
      );
    }
    if (probe.tcpSocket) {
      const port = portNumber(probe.tcpSocket.port, current.ports);
      const target = current.listening.get(port) ?? { host: current.podIP, port };
      return tcpProbe(target.host, target.port, { host: current.podIP, port }, timeoutMs);
    }
    if (probe.exec) return execProbe(current, probe.exec.command, timeoutMs);
    return { success: false, message: 'the probe has no handler (httpGet, tcpSocket or exec)' };
  };
}
