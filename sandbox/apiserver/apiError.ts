import type { FieldError } from './registry/strategy';
import type { ResourceRef } from '../store/types';

/**
 * Failures of the API as Kubernetes reports them: a `Status` object with a code, a reason and the
 * wording of k8s.io/apimachinery/pkg/api/errors, so kubectl prints what it prints against a real
 * cluster. Thrown by the registry (and so by the in-process ClusterClient), answered by HTTP handlers.
 */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return status;
}

/** "statefulsets.apps" or "pods": how messages name a resource. */
export function qualifiedResource(resource: Pick<ResourceRef, 'group' | 'resource'>): string {
  return resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
}

/** "StatefulSet.apps" or "Pod": how Invalid messages name a kind. */
function qualifiedKind(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

export function notFound(resource: Pick<ResourceRef, 'group' | 'resource'>, name: string): ApiError {
  return new ApiError(failure(404, 'NotFound', `${qualifiedResource(resource)} "${name}" not found`, { name, group: resource.group || undefined, kind: resource.resource }));
}

export function alreadyExists(resource: Pick<ResourceRef, 'group' | 'resource'>, name: string): ApiError {
  return new ApiError(failure(409, 'AlreadyExists', `${qualifiedResource(resource)} "${name}" already exists`, { name, group: resource.group || undefined, kind: resource.resource }));
}

export function conflict(resource: Pick<ResourceRef, 'group' | 'resource'>, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return new ApiError(
    failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(resource)} "${name}": ${why}`, { name, group: resource.group || undefined, kind: resource.resource }),
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(failure(400, 'BadRequest', message));
}

export function methodNotAllowed(message = 'the server does not allow this method on the requested resource'): ApiError {
  return new ApiError(failure(405, 'MethodNotAllowed', message));
}

export function unsupportedMediaType(message: string): ApiError {
  return new ApiError(failure(415, 'UnsupportedMediaType', message));
}

export function internalError(message: string): ApiError {
  return new ApiError(failure(500, 'InternalError', `Internal error occurred: ${message}`));
}

export function pathNotFound(): ApiError {
  return new ApiError(failure(404, 'NotFound', 'the server could not find the requested resource'));
}

export function namespaceNotFound(namespace: string): ApiError {
  return notFound({ group: '', resource: 'namespaces' }, namespace);
}

const typeWording: Record<string, string> = {
  FieldValueInvalid: 'Invalid value',
  FieldValueRequired: 'Required value',
  FieldValueForbidden: 'Forbidden',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
  InternalError: 'Internal error',
};

/** Prints a bad value the way field.Error does: strings quoted, numbers and booleans bare. */
function printValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Values that know their Go spelling (map[string]string{...}) print themselves.
  if (typeof value === 'object' && !Array.isArray(value) && value.toString !== Object.prototype.toString) return String(value);
  return JSON.stringify(value);
}

/** field.Error.ErrorBody(): "Invalid value: -1: must be greater than or equal to 0". */
export function fieldErrorBody(error: FieldError): string {
  const type = typeWording[error.reason] ?? error.reason;
  const showsValue = !['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'FieldValueTooMany', 'InternalError'].includes(error.reason);
  let body = showsValue && error.value !== undefined ? `${type}: ${printValue(error.value)}` : type;
  if (error.message) body += `: ${error.message}`;
  return body;
}

/** 422 Invalid: `StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): ApiError {
  const lines = errors.map((error) => `${error.field}: ${fieldErrorBody(error)}`);
  const summary = lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`;
  return new ApiError(
    failure(422, 'Invalid', `${qualifiedKind(kind, group)} "${name}" is invalid: ${summary}`, {
      name,
      group: group || undefined,
      kind,
      causes: errors.map((error) => ({ reason: error.reason, message: fieldErrorBody(error), field: error.field })),
    }),
  );
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
