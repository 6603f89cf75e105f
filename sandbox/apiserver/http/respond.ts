import type http from 'node:http';
import { ApiError, failure, type Status } from '../apiError';

/** Writing responses: JSON objects, pre-serialized JSON, Status failures, plain text. */
export function sendJsonText(res: http.ServerResponse, code: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

export function sendJsonBytes(res: http.ServerResponse, code: number, bytes: Buffer): void {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': bytes.length, 'Cache-Control': 'no-cache, private' });
  res.end(bytes);
}

export function sendJson(res: http.ServerResponse, code: number, body: unknown): void {
  sendJsonText(res, code, JSON.stringify(body));
}

export function sendStatus(res: http.ServerResponse, status: Status): void {
  sendJson(res, status.code, status);
}

export function sendText(res: http.ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Any error as a Status: ApiErrors as they are, anything else as a 500 without internals. */
export function statusOf(error: unknown): Status {
  if (error instanceof ApiError) return error.status;
  console.error('request failed:', error);
  return failure(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
}

export function sendError(res: http.ServerResponse, error: unknown): void {
  sendStatus(res, statusOf(error));
}
