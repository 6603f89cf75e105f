import { coreModels } from './coreModels';
import { groupModels } from './groupModels';
import { metaModels } from './metaModels';
import type { Field, Model } from './modelTypes';

/** Turns the compact model descriptions into OpenAPI v3 component schemas, with their references. */

export type JsonSchema = Record<string, unknown>;

export const allModels: Record<string, Model> = { ...metaModels, ...coreModels, ...groupModels };

const schemaPrefix = '#/components/schemas/';

function primitiveSchema(type: string): JsonSchema {
  switch (type) {
    case 'string':
      return { type: 'string' };
    case 'integer':
      return { type: 'integer', format: 'int64' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { type: 'number', format: 'double' };
    case 'int-or-string':
      return { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true };
    case 'quantity':
      return { type: 'string', description: 'Quantity is a fixed-point representation of a number, such as "1Gi" or "500m".' };
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    case 'byte':
      return { type: 'string', format: 'byte' };
    default:
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
}

export function fieldSchema(field: Field): JsonSchema {
  if (typeof field === 'string') return primitiveSchema(field);
  if ('type' in field) {
    const schema = primitiveSchema(field.type);
    if (field.description) schema.description = field.description;
    if (field.enum) schema.enum = field.enum;
    return schema;
  }
  if ('ref' in field) {
    const schema: JsonSchema = { allOf: [{ $ref: `${schemaPrefix}${field.ref}` }], default: {} };
    if (field.description) schema.description = field.description;
    return schema;
  }
  if ('array' in field) {
    const schema: JsonSchema = { type: 'array', items: fieldSchema(field.array) };
    if (field.description) schema.description = field.description;
    if (field.listType) schema['x-kubernetes-list-type'] = field.listType;
    if (field.listMapKeys) schema['x-kubernetes-list-map-keys'] = field.listMapKeys;
    if (field.mergeKey) schema['x-kubernetes-patch-merge-key'] = field.mergeKey;
    if (field.strategy) schema['x-kubernetes-patch-strategy'] = field.strategy;
    return schema;
  }
  const schema: JsonSchema = { type: 'object', additionalProperties: fieldSchema(field.map) };
  if (field.description) schema.description = field.description;
  return schema;
}

export function modelSchema(model: Model): JsonSchema {
  const schema: JsonSchema = { type: 'object' };
  if (model.description) schema.description = model.description;
  if (model.required) schema.required = model.required;
  schema.properties = Object.fromEntries(Object.entries(model.properties).map(([name, field]) => [name, fieldSchema(field)]));
  if (model.strategy) schema['x-kubernetes-patch-strategy'] = model.strategy;
  if (model.gvk) schema['x-kubernetes-group-version-kind'] = [model.gvk];
  return schema;
}

function referencedModels(field: Field, into: Set<string>): void {
  if (typeof field === 'string' || 'type' in field) return;
  if ('ref' in field) into.add(field.ref);
  else if ('array' in field) referencedModels(field.array, into);
  else referencedModels(field.map, into);
}

/** The named models and every model they reference, transitively, as component schemas. */
export function componentSchemas(roots: string[]): Record<string, JsonSchema> {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length) {
    const name = pending.pop() as string;
    if (seen.has(name) || !allModels[name]) continue;
    seen.add(name);
    const references = new Set<string>();
    for (const field of Object.values(allModels[name].properties)) referencedModels(field, references);
    pending.push(...references);
  }
  return Object.fromEntries([...seen].sort().map((name) => [name, modelSchema(allModels[name])]));
}

/** The model name of a top-level kind, found by its group, version and kind. */
export function modelNameForKind(group: string, version: string, kind: string): string | undefined {
  return Object.keys(allModels).find((name) => {
    const gvk = allModels[name].gvk;
    return gvk !== undefined && gvk.group === group && gvk.version === version && gvk.kind === kind;
  });
}
