import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { moscowTime } from './moscowTime';
import { incrementVisits, readVisits } from './visitsCounter';

/**
 * The visits app's HTTP behaviour, shared by the sandbox (one in-process server per container) and
 * the standalone server (`standalone.ts`, packaged by the Dockerfile for real clusters).
 */
export interface VisitsAppOptions {
  /** Shown on the page and in /healthcheck: the visible difference between image versions. */
  version: string;
  /** Directory holding visits.txt (the container's /app/data, or DATA_DIR). */
  dataDir: string;
  /** Name shown on the page so a reader sees which pod answered. */
  hostname: string;
  /** False for the broken image: it serves, but /healthcheck answers 503 forever. */
  healthy: boolean;
  /** One line per request, like the seed's Flask server wrote to stdout. */
  log(line: string): void;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function accessLogTime(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(now.getUTCDate())}/${months[now.getUTCMonth()]}/${now.getUTCFullYear()} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(options: VisitsAppOptions, time: string, visits: number): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Moscow time</title></head>',
    '<body style="font-family: sans-serif; margin: 3rem">',
    `<h1>Current time in Moscow: <span id="time">${escapeHtml(time)}</span></h1>`,
    `<p>Served by <b id="hostname">${escapeHtml(options.hostname)}</b>, app version <b id="version">${escapeHtml(options.version)}</b>.</p>`,
    `<p>This pod has counted <b id="visits">${visits}</b> visits.</p>`,
    '</body></html>',
    '',
  ].join('\n');
}

export function createVisitsRequestHandler(options: VisitsAppOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const visitsFile = path.join(options.dataDir, 'visits.txt');

  const answer = (request: IncomingMessage, response: ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    response.end(request.method === 'HEAD' ? undefined : body);
    const client = request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '-';
    options.log(`${client} - - [${accessLogTime(new Date())}] "${request.method} ${request.url} HTTP/${request.httpVersion}" ${status} -`);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://visits-app');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return answer(request, response, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n');
    }
    switch (url.pathname) {
      case '/': {
        const visits = await incrementVisits(visitsFile);
        return answer(request, response, 200, 'text/html; charset=utf-8', page(options, moscowTime(), visits));
      }
      case '/visits': {
        const visits = await readVisits(visitsFile);
        return answer(request, response, 200, 'text/plain; charset=utf-8', `${visits}\n`);
      }
      case '/healthcheck': {
        if (!options.healthy) {
          return answer(request, response, 503, 'application/json', `${JSON.stringify({ status: 'unavailable', version: options.version })}\n`);
        }
        return answer(request, response, 200, 'application/json', `${JSON.stringify({ status: 'ok', version: options.version })}\n`);
      }
      default:
        return answer(request, response, 404, 'text/plain; charset=utf-8', 'Not Found\n');
    }
  };

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log(`error while answering ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) answer(request, response, 500, 'text/plain; charset=utf-8', 'Internal Server Error\n');
      else response.destroy();
    });
  };
}
