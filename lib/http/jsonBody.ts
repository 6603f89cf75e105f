import type { z } from 'zod';
import { HttpError } from './httpError';

export const maxBodyBytes = 64 * 1024;

/** Reads at most 64 KiB of a request body; more is refused with 413 before it is parsed. */
async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBodyBytes) throw new HttpError(413, 'Request body too large', `The body is ${declared} bytes; the limit is ${maxBodyBytes} bytes.`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw new HttpError(413, 'Request body too large', `The body is over ${maxBodyBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : 'body';
}

/** Parses and validates a JSON body; a problem becomes 400 `{error, detail, field}` naming the field and the reason. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await readLimited(request);
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'Invalid JSON', `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 'body');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = fieldPath(issue.path);
    throw new HttpError(400, `Invalid ${field}`, `${field}: ${issue.message}`, field);
  }
  return result.data;
}
