import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { failure, type Status } from '../apiError';
import { RuntimeError, type ExecIO, type ExecRequest } from '../../kubelet/runtimeInterface';
import { decodeFrame, encodeFrame, negotiateExecProtocol, supportedExecProtocols, type ExecProtocol } from './execProtocols';
import type { ApiContext, ResolvedRequest } from './apiContext';

/**
 * pods/exec over WebSocket, the protocol of k8s.io/apimachinery's wsstream and kubectl 1.30+:
 * every message carries a channel (0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize), as a leading
 * byte in the binary protocols and as an ASCII digit before base64 data in the base64 ones
 * (execProtocols.ts has the negotiation). After the command ends the status goes on channel 3 once
 * (v4/v5: a Status JSON, Success or Failure with reason NonZeroExitCode and an ExitCode cause), then
 * the socket closes with 1000. In v5 the client closes its stdin with a message on channel 255; the
 * server never sends on 255. The other protocols have no half-close: stdin ends with the socket.
 */
const channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

const webSockets = new WebSocketServer({
  noServer: true,
  // The handler negotiated already (negotiateExecProtocol); ws only echoes that choice.
  handleProtocols: (offered) => negotiateExecProtocol([...offered])?.name || false,
});

/** Answers an upgrade request with an HTTP error and a Status body, and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: Status): void {
  const body = JSON.stringify(status);
  const reasons: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  socket.end(
    `HTTP/1.1 ${status.code} ${reasons[status.code] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function offeredProtocols(req: http.IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean);
}

function exitStatus(command: string[], exitCode: number): Status | { metadata: Record<string, never>; status: 'Success' } {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  const status = failure(500, 'NonZeroExitCode', `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`, {
    causes: [{ reason: 'ExitCode', message: String(exitCode) }],
  });
  return { metadata: {}, status: 'Failure', message: status.message, reason: status.reason, details: status.details } as Status;
}

export function serveExecUpgrade(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  const runtime = ctx.runtime();
  const params = request.url.searchParams;
  const command = params.getAll('command');
  if (!runtime) return refuseUpgrade(socket, failure(503, 'ServiceUnavailable', 'the sandbox kubelet is not running, so there is no container to exec into'));
  if (command.length === 0) return refuseUpgrade(socket, failure(400, 'BadRequest', 'you must specify at least 1 command'));
  const offered = offeredProtocols(req);
  const protocol = negotiateExecProtocol(offered);
  // wsstream's handshake refuses unknown subprotocols with 403 Forbidden.
  if (!protocol)
    return refuseUpgrade(socket, failure(403, 'Forbidden', `requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${supportedExecProtocols.join(' ')}]`));
  const flag = (name: string) => ['1', 'true'].includes(params.get(name) ?? '');
  const execRequest: ExecRequest = {
    namespace: request.namespace ?? 'default',
    pod: request.info.name,
    container: params.get('container') ?? '',
    command,
    stdin: flag('stdin'),
    tty: flag('tty'),
  };
  const wantStdout = params.has('stdout') ? flag('stdout') : true;
  const wantStderr = params.has('stderr') ? flag('stderr') : true;
  webSockets.handleUpgrade(req, socket, head, (ws) => runSession(ws, protocol, execRequest, { wantStdout, wantStderr }, (io) => runtime.exec(execRequest, io), ctx));
}

function runSession(
  ws: WebSocket,
  protocol: ExecProtocol,
  request: ExecRequest,
  wants: { wantStdout: boolean; wantStderr: boolean },
  exec: (io: ExecIO) => Promise<{ exitCode: number }>,
  ctx: ApiContext,
): void {
  const stdinListeners: Array<(data: Uint8Array | null) => void> = [];
  const resizeListeners: Array<(size: { width: number; height: number }) => void> = [];
  const closeListeners: Array<() => void> = [];
  let open = true;
  const structuredStatus = protocol.structuredStatus;

  const send = (channelNumber: number, data: string | Uint8Array) => {
    if (!open || ws.readyState !== ws.OPEN) return;
    const frame = encodeFrame(protocol, channelNumber, typeof data === 'string' ? Buffer.from(data) : data);
    ws.send(frame.payload, { binary: frame.binary });
  };

  ws.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
    const message = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    const frame = decodeFrame(protocol, message);
    if (!frame) return;
    const body = frame.data;
    switch (frame.channel) {
      case channel.stdin:
        for (const listener of stdinListeners) listener(body);
        break;
      case channel.resize:
        try {
          const size = JSON.parse(body.toString('utf8')) as { Width?: number; Height?: number; width?: number; height?: number };
          for (const listener of resizeListeners) listener({ width: size.Width ?? size.width ?? 80, height: size.Height ?? size.height ?? 24 });
        } catch {
          // A malformed resize is ignored, as the real server does.
        }
        break;
      case channel.close:
        if (protocol.streamClose && body[0] === channel.stdin) for (const listener of stdinListeners) listener(null);
        break;
    }
  });
  ws.on('close', () => {
    open = false;
    for (const listener of closeListeners) listener();
  });
  ws.on('error', () => ws.terminate());

  const io: ExecIO = {
    writeStdout: (data) => {
      if (wants.wantStdout) send(channel.stdout, data);
    },
    writeStderr: (data) => {
      if (request.tty) send(channel.stdout, data);
      else if (wants.wantStderr) send(channel.stderr, data);
    },
    onStdin: (listener) => stdinListeners.push(listener),
    onResize: (listener) => resizeListeners.push(listener),
    onClose: (listener) => closeListeners.push(listener),
  };

  const finish = (status: object | undefined, text: string | undefined) => {
    if (structuredStatus && status) send(channel.error, JSON.stringify(status));
    else if (!structuredStatus && text) send(channel.error, text);
    open = false;
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };

  exec(io).then(
    ({ exitCode }) => finish(exitStatus(request.command, exitCode), exitCode === 0 ? undefined : `command terminated with non-zero exit code: exit code ${exitCode}`),
    (error: unknown) => {
      const status =
        error instanceof RuntimeError ? failure(error.code, error.reason, error.message) : failure(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
      if (!(error instanceof RuntimeError)) ctx.log(`exec in ${request.namespace}/${request.pod} failed: ${String(error)}`);
      finish(status, status.message);
    },
  );
}
