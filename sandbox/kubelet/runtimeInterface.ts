import type { Socket } from 'node:net';

/**
 * The seam between the API server's pod subresources (exec, log, proxy) and the kubelet that runs
 * containers. The API server owns the wire protocols (WebSocket channels, chunked logs, HTTP
 * forwarding); the kubelet owns what runs. Neither reaches into the other's internals.
 */

export interface ExecRequest {
  namespace: string;
  pod: string;
  /** Empty means the pod's first container. */
  container: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
}

/** The streams of one exec session, already demultiplexed from the wire. */
export interface ExecIO {
  writeStdout(data: string | Uint8Array): void;
  writeStderr(data: string | Uint8Array): void;
  /** Registers the consumer of stdin; `null` data means stdin was closed. */
  onStdin(listener: (data: Uint8Array | null) => void): void;
  onResize(listener: (size: { width: number; height: number }) => void): void;
  /** Fires when the client goes away; a running command must stop. */
  onClose(listener: () => void): void;
}

export interface ExecResult {
  exitCode: number;
}

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
}

export interface LogStream {
  /** Called per line, newline included. */
  onLine(listener: (line: string) => void): void;
  onEnd(listener: () => void): void;
  close(): void;
}

/** Thrown by the runtime with an HTTP status and a message the API server turns into a Status. */
export class RuntimeError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ContainerRuntime {
  exec(request: ExecRequest, io: ExecIO): Promise<ExecResult>;
  logs(request: LogRequest): LogStream;
  /** Where a pod's port really listens (its own loopback IP, or a mapped port on 127.0.0.1). */
  resolvePodPort(namespace: string, pod: string, port: number): { host: string; port: number } | undefined;
  /**
   * The pod's in-process server for `port`, taking a TCP connection accepted elsewhere (the Service
   * proxy's equivalent of DNAT); it returns false when the container stopped accepting. Undefined
   * when nothing in this process serves that port (the proxy then connects to `resolvePodPort`).
   */
  connectionHandlerFor?(namespace: string, pod: string, port: number): ((socket: Socket) => boolean) | undefined;
}
