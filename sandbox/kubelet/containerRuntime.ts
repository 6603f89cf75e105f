import type { Socket } from 'node:net';
import type { ShellState } from './exec/commandContext';
import { runExecSession } from './exec/execSession';
import { openLogStream } from './logs/logStream';
import type { PodWorker } from './pods/podWorker';
import { RuntimeError, type ContainerRuntime, type ExecIO, type ExecRequest, type ExecResult, type LogRequest, type LogStream } from './runtimeInterface';

/**
 * The kubelet's side of exec, logs and port lookups for the API server. Errors carry the wording
 * kubectl shows against a real node ("container not found", "is waiting to start", ...).
 */
export class SandboxContainerRuntime implements ContainerRuntime {
  constructor(private readonly findPod: (namespace: string, name: string) => PodWorker | undefined) {}

  private locate(namespace: string, pod: string, container: string) {
    const worker = this.findPod(namespace, pod);
    if (!worker) throw new RuntimeError(400, 'BadRequest', `pod ${pod} is not running on node sandbox yet`);
    const name = container || worker.defaultContainerName;
    const runner = worker.container(name);
    if (!runner) throw new RuntimeError(400, 'BadRequest', `container ${name} is not valid for pod ${pod}`);
    return { worker, runner, name };
  }

  async exec(request: ExecRequest, io: ExecIO): Promise<ExecResult> {
    const { worker, runner, name } = this.locate(request.namespace, request.pod, request.container);
    if (!runner.isRunning || !runner.fs || !runner.env) throw new RuntimeError(400, 'BadRequest', `container not found ("${name}")`);
    const shell: ShellState = {
      fs: runner.fs,
      env: new Map(runner.env),
      cwd: runner.fs.workingDir,
      hostname: runner.env.get('HOSTNAME') ?? worker.name,
      lastStatus: 0,
      positional: ['sh'],
    };
    const exitCode = await runExecSession({ command: request.command, stdin: request.stdin, tty: request.tty, shell }, io);
    return { exitCode };
  }

  logs(request: LogRequest): LogStream {
    const { runner, name } = this.locate(request.namespace, request.pod, request.container);
    if (request.previous) {
      if (!runner.previousLog) throw new RuntimeError(400, 'BadRequest', `previous terminated container "${name}" in pod "${request.pod}" not found`);
      return openLogStream(runner.previousLog, { ...request, follow: false });
    }
    if (!runner.log) {
      const reason = runner.state.waiting?.reason ?? 'ContainerCreating';
      throw new RuntimeError(400, 'BadRequest', `container "${name}" in pod "${request.pod}" is waiting to start: ${reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason}`);
    }
    return openLogStream(runner.log, request);
  }

  connectionHandlerFor(namespace: string, pod: string, port: number): ((socket: Socket) => boolean) | undefined {
    const worker = this.findPod(namespace, pod);
    if (!worker) return undefined;
    for (const runner of worker.allContainers()) {
      const handler = runner.connectionHandlerFor(port);
      if (handler) return handler;
    }
    return undefined;
  }

  resolvePodPort(namespace: string, pod: string, port: number): { host: string; port: number } | undefined {
    const worker = this.findPod(namespace, pod);
    if (!worker) return undefined;
    for (const runner of worker.allContainers()) {
      const listening = runner.listening.get(port);
      if (listening) return listening;
    }
    return worker.address && worker.address !== '127.0.0.1' ? { host: worker.address, port } : undefined;
  }
}
