/**
 * A compact description of API types from which the OpenAPI v3 component schemas are generated.
 * Only what clients use is described: field names and types, and the strategic-merge metadata
 * (x-kubernetes-patch-merge-key / -patch-strategy / list-type) kubectl reads when it builds the
 * patch for `kubectl apply`.
 */

export type Primitive = 'string' | 'integer' | 'boolean' | 'number' | 'int-or-string' | 'quantity' | 'date-time' | 'byte' | 'any';

export interface RefField {
  ref: string;
  description?: string;
}

export interface ArrayField {
  array: Field;
  /** Strategic merge key: lists of objects merged by this field ("name", "containerPort"). */
  mergeKey?: string;
  /** "merge", "merge,retainKeys" or "retainKeys"; absent = the list is replaced as a whole. */
  strategy?: string;
  listType?: 'atomic' | 'map' | 'set';
  listMapKeys?: string[];
  description?: string;
}

export interface MapField {
  map: Field;
  description?: string;
}

export interface PrimitiveField {
  type: Primitive;
  description?: string;
  enum?: string[];
}

export type Field = Primitive | RefField | ArrayField | MapField | PrimitiveField;

export interface Model {
  description?: string;
  required?: string[];
  properties: Record<string, Field>;
  /** Struct-level patch strategy (e.g. "retainKeys" for Volume sources). */
  strategy?: string;
  /** For top-level kinds: the group, version and kind clients match schemas by. */
  gvk?: { group: string; version: string; kind: string };
}

export function ref(name: string, description?: string): RefField {
  return { ref: name, description };
}

/** A list replaced as a whole on patch (listType atomic). */
export function atomic(items: Field, description?: string): ArrayField {
  return { array: items, listType: 'atomic', description };
}

/** A list of objects merged by key on strategic-merge patch. */
export function mergeList(items: Field, mergeKey: string, listMapKeys: string[] = [mergeKey], strategy = 'merge'): ArrayField {
  return { array: items, mergeKey, strategy, listType: 'map', listMapKeys };
}

export function mapOf(values: Field, description?: string): MapField {
  return { map: values, description };
}

export const stringMap = mapOf('string');
export const quantityMap = mapOf('quantity');
