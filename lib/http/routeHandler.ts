import { HttpError, jsonResponse } from './httpError';
import { toHttpError } from '../k8s/apiErrors';

/**
 * Wraps a route handler so anything it throws becomes the JSON error shape with the right status.
 * Unexpected errors are logged on the server with their stack, but the browser only gets a
 * redacted message.
 */
export function handleErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      const httpError = error instanceof HttpError ? error : toHttpError(error);
      if (httpError.status >= 500 && !(error instanceof HttpError)) console.error('[api]', error instanceof Error ? (error.stack ?? error.message) : error);
      return jsonResponse(httpError.toBody(), httpError.status);
    }
  };
}
