import { badRequest } from '../apiError';

/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) as kubectl sends it: lists with a
 * merge key merge element by element, other lists are replaced, `null` deletes a field, and the
 * directives `$patch` (replace | delete | merge), `$setElementOrder/<list>`, `$retainKeys` and
 * `$deleteFromPrimitiveList/<list>` work as in k8s.io/apimachinery/pkg/util/strategicpatch.
 *
 * The merge keys are those of the Kubernetes types this sandbox serves (the `patchMergeKey` tags of
 * k8s.io/api), looked up by the field's name and, where a name is ambiguous, its parent.
 */
type JsonObject = Record<string, unknown>;

/** A merge key, or 'set' for a list of scalars merged as a set (finalizers). Undefined: replace the list. */
type ListStrategy = string | 'set' | undefined;

const keyByField: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  resourceClaims: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
  podIPs: 'ip',
  hostIPs: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  addresses: 'type',
  schedulingGates: 'name',
};

export function listStrategy(path: string[]): ListStrategy {
  const field = path[path.length - 1];
  if (field === 'finalizers') return 'set';
  if (field === 'ports') {
    // Container ports merge by containerPort; a Service's spec.ports by port.
    return path.includes('containers') || path.includes('initContainers') || path.includes('ephemeralContainers') ? 'containerPort' : 'port';
  }
  if (field === 'addresses' && path[0] === 'status') return 'type';
  if (field === 'addresses') return undefined;
  return keyByField[field];
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => !(isObject(item) && item.$patch !== undefined && Object.keys(item).length === 1)).map(stripDirectives);
  if (!isObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    if (item === null) continue;
    result[key] = stripDirectives(item);
  }
  return result;
}

function sameKey(a: unknown, b: unknown, key: string): boolean {
  return isObject(a) && isObject(b) && a[key] !== undefined && String(a[key]) === String(b[key]);
}

function mergeList(original: unknown, patch: unknown[], path: string[]): unknown[] {
  const strategy = listStrategy(path);
  if (patch.some((item) => isObject(item) && item.$patch === 'replace')) return stripDirectives(patch) as unknown[];
  const base = Array.isArray(original) ? structuredClone(original) : [];
  if (strategy === undefined) return stripDirectives(patch) as unknown[];
  if (strategy === 'set') {
    for (const item of patch) if (!base.includes(item)) base.push(item);
    return base;
  }
  for (const item of patch) {
    if (!isObject(item)) {
      base.push(item);
      continue;
    }
    const index = base.findIndex((existing) => sameKey(existing, item, strategy));
    if (item.$patch === 'delete') {
      if (index >= 0) base.splice(index, 1);
      continue;
    }
    if (index >= 0) base[index] = mergeObject(base[index], item, path);
    else base.push(mergeObject({}, item, path));
  }
  return base;
}

/** Reorders `list` as `order` says; elements the order does not name keep their place after those it does. */
function applyOrder(list: unknown[], order: unknown[], strategy: ListStrategy): unknown[] {
  const position = (item: unknown): number =>
    order.findIndex((entry) => (strategy && strategy !== 'set' ? sameKey(entry, item, strategy) : entry === item));
  const named = list.filter((item) => position(item) >= 0).sort((a, b) => position(a) - position(b));
  const others = list.filter((item) => position(item) < 0);
  return [...named, ...others];
}

function mergeObject(original: unknown, patch: JsonObject, path: string[]): unknown {
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch !== undefined && patch.$patch !== 'merge') throw badRequest(`Unknown patch type: ${String(patch.$patch)}`);
  const result: JsonObject = isObject(original) ? { ...original } : {};
  const orders: Array<[string, unknown[]]> = [];
  const deletions: Array<[string, unknown[]]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith('$setElementOrder/')) {
      if (Array.isArray(value)) orders.push([key.slice('$setElementOrder/'.length), value]);
      continue;
    }
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      if (Array.isArray(value)) deletions.push([key.slice('$deleteFromPrimitiveList/'.length), value]);
      continue;
    }
    if (value === null) delete result[key];
    else if (isObject(value)) {
      const merged = mergeObject(result[key], value, [...path, key]);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else if (Array.isArray(value)) result[key] = mergeList(result[key], value, [...path, key]);
    else result[key] = value;
  }
  for (const [field, values] of deletions) {
    const list = result[field];
    if (Array.isArray(list)) result[field] = list.filter((item) => !values.includes(item));
  }
  for (const [field, order] of orders) {
    const list = result[field];
    if (Array.isArray(list)) result[field] = applyOrder(list, order, listStrategy([...path, field]));
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const key of Object.keys(result)) if (!keep.has(key)) delete result[key];
  }
  return result;
}

export function applyStrategicMergePatch(original: unknown, patch: unknown): unknown {
  if (!isObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  return mergeObject(original, patch, []) ?? {};
}
