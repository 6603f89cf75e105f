import type http from 'node:http';
import YAML from 'yaml';
import { ApiError, badRequest, failure } from '../apiError';

/** The largest request body kube-apiserver accepts (3 MiB); larger ones are 413. */
export const maxBodyBytes = 3 * 1024 * 1024;

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBodyBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBodyBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): ApiError {
  return new ApiError(failure(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
}

export function mediaType(req: http.IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
}

/** Parses a JSON or YAML body into a value; malformed input is a 400 with the parser's complaint. */
export function parseBody(body: Buffer, type: string): unknown {
  if (type === 'application/vnd.kubernetes.protobuf' || type === 'application/cbor')
    throw new ApiError(failure(415, 'UnsupportedMediaType', `the sandbox cluster accepts JSON and YAML bodies, not ${type}`));
  const text = body.toString('utf8');
  if (!text.trim()) throw badRequest('the request body is empty; an object is required');
  if (type.includes('yaml')) {
    try {
      return YAML.parse(text);
    } catch (error) {
      throw badRequest(`error converting YAML to JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
