import { HttpError } from './httpError';

/**
 * Names that end up in API URLs. Kubernetes object names here are DNS-1123 subdomains (pods,
 * statefulsets, services) and namespaces are DNS-1123 labels; context names come from the kubeconfig
 * and are checked against it, so they only need to be printable and short.
 */
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63) return `must be at most 63 characters (got ${value.length})`;
  if (!dns1123Label.test(value)) return 'must consist of lower case letters, digits and "-", and start and end with a letter or digit (DNS-1123 label)';
  return undefined;
}

export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 253) return `must be at most 253 characters (got ${value.length})`;
  if (!dns1123Subdomain.test(value)) return 'must consist of lower case letters, digits, "-" and ".", and start and end with a letter or digit (DNS-1123 subdomain)';
  return undefined;
}

export function requireNamespace(value: string, field = 'namespace'): string {
  const problem = dns1123LabelProblem(value);
  if (problem) throw new HttpError(400, 'Invalid namespace', `The namespace "${truncate(value)}" ${problem}.`, field);
  return value;
}

export function requireObjectName(value: string, field = 'name'): string {
  const problem = dns1123SubdomainProblem(value);
  if (problem) throw new HttpError(400, `Invalid ${field}`, `The ${field} "${truncate(value)}" ${problem}.`, field);
  return value;
}

export function requireContextName(value: string): string {
  if (value.length === 0 || value.length > 253 || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new HttpError(400, 'Invalid context', 'A context name must be 1 to 253 printable characters.', 'context');
  }
  return value;
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
