/**
 * Reading the HTTP status out of what ClusterClient throws. The registry throws an error carrying a
 * Kubernetes Status; this accepts the shapes such an error can take (`code`, `status.code`,
 * `statusCode`) so the controllers do not depend on the error class itself.
 */
export function errorCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; statusCode?: unknown; status?: unknown };
  if (typeof record.code === 'number') return record.code;
  if (typeof record.statusCode === 'number') return record.statusCode;
  if (typeof record.status === 'number') return record.status;
  if (typeof record.status === 'object' && record.status !== null) {
    const code = (record.status as { code?: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

export const isNotFound = (error: unknown): boolean => errorCode(error) === 404;
export const isAlreadyExists = (error: unknown): boolean => errorCode(error) === 409 && /already exists/i.test(errorMessage(error));
export const isConflict = (error: unknown): boolean => errorCode(error) === 409;

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}
