import type { z } from 'zod';
import { HttpError } from './httpError';

/** Validates a URL's query parameters; a problem becomes 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const url = new URL(request.url);
  const values: Record<string, string> = {};
  for (const [key, value] of url.searchParams) values[key] = value;
  const result = schema.safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.map(String).join('.') || 'query';
    throw new HttpError(400, `Invalid ${field}`, `${field}: ${issue.message}`, field);
  }
  return result.data;
}
