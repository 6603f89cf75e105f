import { invalid } from '../apiError';

/**
 * The `dryRun` option of a write (query `?dryRun=All`, or DeleteOptions.dryRun): `All` is the only
 * value kube-apiserver knows, and anything else fails the request's options validation (a 422 on
 * CreateOptions/UpdateOptions/PatchOptions/DeleteOptions) before anything is written.
 */
export type WriteOptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions';

function goStringSlice(values: unknown[]): string {
  return `[]string{${values.map((value) => JSON.stringify(String(value))).join(', ')}}`;
}

/** True for a dry run; throws 422 Invalid for an unknown value. */
export function dryRunOption(url: URL, optionsKind: WriteOptionsKind, body?: { dryRun?: unknown }): boolean {
  const values: unknown[] = [...url.searchParams.getAll('dryRun')];
  if (body?.dryRun !== undefined) values.push(...(Array.isArray(body.dryRun) ? body.dryRun : [body.dryRun]));
  if (values.some((value) => value !== 'All'))
    throw invalid(optionsKind, 'meta.k8s.io', '', [{ reason: 'FieldValueNotSupported', field: 'dryRun', value: { toString: () => goStringSlice(values) }, message: 'supported values: "All"' }]);
  return values.length > 0;
}
