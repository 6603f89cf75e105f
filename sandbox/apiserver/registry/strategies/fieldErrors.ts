import type { FieldError } from '../strategy';

/**
 * Constructors for 422 causes, mirroring k8s.io/apimachinery/pkg/util/validation/field (errors.go),
 * so every strategy words its errors the way kube-apiserver does.
 */

/**
 * A value that Go prints with `%#v` (maps, structs, slices): the real message shows Go syntax, e.g.
 * `map[string]string{"app":"web"}`, which JSON cannot reproduce. `toString()` gives that text.
 */
export class GoSyntax {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

/** `map[string]string{"a":"b"}` with keys sorted, as Go's %#v prints a string map. */
export function goStringMap(map: Record<string, string> | undefined): GoSyntax {
  if (!map) return new GoSyntax('map[string]string(nil)');
  const body = Object.keys(map)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(map[key])}`)
    .join(', ');
  return new GoSyntax(`map[string]string{${body}}`);
}

/** `[]string{"a", "b"}` as Go's %#v prints a string slice. */
export function goStringSlice(values: string[]): GoSyntax {
  return new GoSyntax(`[]string{${values.map((value) => JSON.stringify(value)).join(', ')}}`);
}

export function required(field: string, detail = ''): FieldError {
  return { reason: 'FieldValueRequired', field, message: detail };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { reason: 'FieldValueInvalid', field, message: detail, value };
}

export function forbidden(field: string, detail: string): FieldError {
  return { reason: 'FieldValueForbidden', field, message: detail };
}

export function notFound(field: string, value: unknown): FieldError {
  return { reason: 'FieldValueNotFound', field, message: '', value };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { reason: 'FieldValueDuplicate', field, message: '', value };
}

export function tooLong(field: string, maxLength: number): FieldError {
  return { reason: 'FieldValueTooLong', field, message: `must have at most ${maxLength} bytes` };
}

/** Go quotes each supported value with %q and joins them with ", " (field.NotSupported). */
export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  const list = supported.map((entry) => JSON.stringify(entry)).join(', ');
  return { reason: 'FieldValueNotSupported', field, message: supported.length ? `supported values: ${list}` : '', value };
}

const typeLabels: Record<string, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueForbidden: 'Forbidden',
  FieldValueNotFound: 'Not found',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
};

/** Types whose body never shows the value (field.Error.ErrorBody). */
const valueless = new Set(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

/** The value as field.Error prints it: numbers and booleans bare, strings quoted, Go syntax for the rest. */
export function formatFieldValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof GoSyntax) return value.text;
  return JSON.stringify(value);
}

/** `Invalid value: -1: must be greater than or equal to 0`, the body after the field path. */
export function fieldErrorBody(error: FieldError): string {
  const label = typeLabels[error.reason] ?? error.reason;
  let body = valueless.has(error.reason) || !('value' in error) ? label : `${label}: ${formatFieldValue(error.value)}`;
  if (error.message) body += `: ${error.message}`;
  return body;
}

/** `spec.replicas: Invalid value: -1: must be greater than or equal to 0`, one entry of the Status message. */
export function fieldErrorText(error: FieldError): string {
  return `${error.field}: ${fieldErrorBody(error)}`;
}
