import { ApiError, failure } from '../apiError';
import { deepEqual } from '../registry/deepEqual';

/** RFC 6902 JSON Patch (`application/json-patch+json`), applied to a copy. */
type Json = unknown;

interface Operation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

function patchError(message: string): ApiError {
  // kube-apiserver answers a failing JSON patch with 422 and this wording.
  return new ApiError(failure(422, 'Invalid', `the server rejected our request due to an error in our request: ${message}`));
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw patchError(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function container(document: Json, parts: string[], pointer: string): Json {
  let current = document;
  for (const part of parts) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (current && typeof current === 'object') current = (current as Record<string, Json>)[part];
    else current = undefined;
    if (current === undefined) throw patchError(`doc is missing path: "${pointer}": missing value`);
  }
  return current;
}

function arrayIndex(array: Json[], part: string, allowEnd: boolean, pointer: string): number {
  if (part === '-' && allowEnd) return array.length;
  if (!/^\d+$/.test(part)) throw patchError(`invalid index "${part}" in "${pointer}"`);
  const index = Number(part);
  if (index > array.length || (!allowEnd && index === array.length)) throw patchError(`Unable to access invalid index: ${index}: invalid index referenced`);
  return index;
}

function get(document: Json, pointer: string): Json {
  return container(document, parsePointer(pointer), pointer);
}

function remove(document: Json, pointer: string): Json {
  const parts = parsePointer(pointer);
  const last = parts.pop();
  if (last === undefined) throw patchError('cannot remove the whole document');
  const parent = container(document, parts, pointer);
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, false, pointer);
    return parent.splice(index, 1)[0];
  }
  if (parent && typeof parent === 'object' && last in (parent as object)) {
    const value = (parent as Record<string, Json>)[last];
    delete (parent as Record<string, Json>)[last];
    return value;
  }
  throw patchError(`unable to remove nonexistent key: ${last}: missing value`);
}

function add(document: Json, pointer: string, value: Json, replace: boolean): Json {
  const parts = parsePointer(pointer);
  const last = parts.pop();
  if (last === undefined) return value;
  const parent = container(document, parts, pointer);
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, !replace, pointer);
    if (replace) parent[index] = value;
    else parent.splice(index, 0, value);
  } else if (parent && typeof parent === 'object') {
    if (replace && !(last in (parent as object))) throw patchError(`replace operation does not apply: doc is missing key: ${pointer}: missing value`);
    (parent as Record<string, Json>)[last] = value;
  } else throw patchError(`doc is missing path: "${pointer}": missing value`);
  return document;
}

export function applyJsonPatch(original: Json, patch: Json): Json {
  if (!Array.isArray(patch)) throw new ApiError(failure(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'));
  let document = structuredClone(original);
  for (const raw of patch as Operation[]) {
    if (!raw || typeof raw !== 'object' || typeof raw.path !== 'string') throw patchError('operation is missing "path"');
    switch (raw.op) {
      case 'add':
        document = add(document, raw.path, structuredClone(raw.value), false);
        break;
      case 'remove':
        remove(document, raw.path);
        break;
      case 'replace':
        document = add(document, raw.path, structuredClone(raw.value), true);
        break;
      case 'move': {
        const value = remove(document, raw.from ?? '');
        document = add(document, raw.path, value, false);
        break;
      }
      case 'copy':
        document = add(document, raw.path, structuredClone(get(document, raw.from ?? '')), false);
        break;
      case 'test':
        if (!deepEqual(get(document, raw.path), raw.value)) throw patchError(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw patchError(`Unexpected kind: ${String(raw.op)}`);
    }
  }
  return document;
}
