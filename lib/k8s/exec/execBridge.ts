import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { PassThrough, Writable } from 'node:stream';
import { Exec } from '@kubernetes/client-node';
import { WebSocketServer, type WebSocket } from 'ws';
import { kubeConfigFor } from '../connections/contextSource';
import { dns1123LabelProblem, dns1123SubdomainProblem } from '../../http/names';
import { HttpError } from '../../http/httpError';
import { toHttpError } from '../apiErrors';
import { isReadOnly, readOnlyReason } from '../../http/readOnly';
import { exitMessage, parseClientMessage, type ExecServerMessage } from './execProtocol';
import type { UpgradeRoute } from '../../http/upgrade';
import { hostProblem } from '../../http/allowedHost';

/**
 * The pod terminal: a browser WebSocket bridged to the API server's exec subresource through
 * client-node's Exec (a second WebSocket, to the cluster). The command is the argv the browser
 * asked for, run inside the container by the kubelet; nothing runs on the dashboard's host.
 */
const pattern = /^\/api\/contexts\/([^/]+)\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/;
const maxArgs = 32;

export interface ExecRequest {
  context: string;
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseExecRequest(url: string): ExecRequest | undefined {
  const parsed = new URL(url, 'http://dashboard');
  const match = pattern.exec(parsed.pathname);
  if (!match) return undefined;
  const [context, namespace, pod] = match.slice(1).map(decoded);
  const nsProblem = dns1123LabelProblem(namespace);
  if (nsProblem) throw new HttpError(400, 'Invalid namespace', `The namespace ${nsProblem}.`, 'namespace');
  const podProblem = dns1123SubdomainProblem(pod);
  if (podProblem) throw new HttpError(400, 'Invalid pod', `The pod name ${podProblem}.`, 'pod');
  const container = parsed.searchParams.get('container') ?? '';
  if (container && dns1123LabelProblem(container)) throw new HttpError(400, 'Invalid container', `The container name ${dns1123LabelProblem(container)}.`, 'container');
  const command = parsed.searchParams.getAll('command');
  if (command.length > maxArgs || command.some((arg) => arg.length > 4096 || /\0/.test(arg))) throw new HttpError(400, 'Invalid command', `command: at most ${maxArgs} arguments of up to 4096 characters, no NUL.`, 'command');
  return { context, namespace, pod, container, command: command.length ? command : ['sh'], tty: parsed.searchParams.get('tty') !== 'false' };
}

function originMatches(req: IncomingMessage): boolean {
  if (hostProblem(req.headers.host)) return false;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host.toLowerCase() === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number, reason: string, body: object): void {
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** A Writable that forwards to the browser and that client-node sees as a resizable terminal. */
class TerminalOutput extends Writable {
  columns = 80;
  rows = 24;
  constructor(private readonly forward: (data: string) => void) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.forward(chunk.toString('utf8'));
    callback();
  }
  resize(cols: number, rows: number): void {
    this.columns = cols;
    this.rows = rows;
    this.emit('resize');
  }
}

async function bridge(browser: WebSocket, request: ExecRequest): Promise<void> {
  const send = (message: ExecServerMessage) => {
    if (browser.readyState === browser.OPEN) browser.send(JSON.stringify(message));
  };
  const stdin = new PassThrough();
  const stdout = new TerminalOutput((data) => send({ type: 'stdout', data }));
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      send({ type: 'stderr', data: chunk.toString('utf8') });
      callback();
    },
  });
  browser.on('message', (raw) => {
    const message = parseClientMessage(raw.toString());
    if (message?.type === 'stdin' && !stdin.writableEnded) stdin.write(message.data);
    else if (message?.type === 'resize') stdout.resize(message.cols, message.rows);
  });
  try {
    const kc = kubeConfigFor(request.context);
    const cluster = await new Exec(kc).exec(request.namespace, request.pod, request.container, request.command, stdout, request.tty ? null : stderr, stdin, request.tty, (status) => {
      send(exitMessage(status));
    });
    cluster.on('close', () => browser.close(1000, 'command ended'));
    browser.on('close', () => {
      stdin.end();
      cluster.close();
    });
  } catch (error) {
    const httpError = toHttpError(error);
    send({ type: 'error', message: `${httpError.error}: ${httpError.detail}` });
    browser.close(1011, 'exec failed');
  }
}

/** The upgrade route server.ts registers. Refuses cross-origin upgrades and read-only mode before the handshake. */
export function execUpgradeRoute(): UpgradeRoute {
  const server = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 });
  return (req, socket, head) => {
    let request: ExecRequest | undefined;
    try {
      request = parseExecRequest(req.url ?? '/');
    } catch (error) {
      const httpError = error instanceof HttpError ? error : toHttpError(error);
      refuse(socket, httpError.status, 'Bad Request', httpError.toBody());
      return true;
    }
    if (!request) return false;
    if (!originMatches(req)) {
      refuse(socket, 403, 'Forbidden', { error: 'Cross-origin request refused', detail: 'The terminal only opens from the dashboard\'s own pages.' });
      return true;
    }
    if (isReadOnly()) {
      refuse(socket, 403, 'Forbidden', { error: 'Read-only dashboard', detail: readOnlyReason });
      return true;
    }
    const accepted = request;
    server.handleUpgrade(req, socket, head, (ws) => void bridge(ws, accepted));
    return true;
  };
}
