import type { KubeObject } from '../../store/types';
import { badRequest, type ApiError } from '../apiError';

/**
 * The type check kube-apiserver gets for free from decoding JSON into Go structs: a known field
 * holding the wrong JSON type (a numeric name, a ConfigMap value that is not a string, replicas
 * "three" or 2^40) is a 400 BadRequest before any strategy runs, worded like encoding/json's
 * UnmarshalTypeError inside the decoder's "cannot be handled as" wrapper. Only the fields the
 * strategies read are checked; everything else passes as it is.
 */
type FieldType = 'string' | 'int32' | 'stringMap' | 'base64Map';

/** A rule: a dotted path (`*` = every array item), the Go struct that holds the last segment, and its type. */
interface Rule {
  path: string;
  struct: string;
  type: FieldType;
}

const objectMeta: Rule[] = [
  { path: 'metadata.name', struct: 'ObjectMeta', type: 'string' },
  { path: 'metadata.namespace', struct: 'ObjectMeta', type: 'string' },
  { path: 'metadata.generateName', struct: 'ObjectMeta', type: 'string' },
  { path: 'metadata.resourceVersion', struct: 'ObjectMeta', type: 'string' },
  { path: 'metadata.labels', struct: 'ObjectMeta', type: 'stringMap' },
  { path: 'metadata.annotations', struct: 'ObjectMeta', type: 'stringMap' },
];

function podSpec(prefix: string): Rule[] {
  const ports = (list: string): Rule[] => [
    { path: `${prefix}.${list}.*.ports.*.containerPort`, struct: 'ContainerPort', type: 'int32' },
    { path: `${prefix}.${list}.*.ports.*.hostPort`, struct: 'ContainerPort', type: 'int32' },
    { path: `${prefix}.${list}.*.name`, struct: 'Container', type: 'string' },
    { path: `${prefix}.${list}.*.image`, struct: 'Container', type: 'string' },
  ];
  return [...ports('containers'), ...ports('initContainers'), { path: `${prefix}.nodeName`, struct: 'PodSpec', type: 'string' }];
}

const rulesByKind: Record<string, Rule[]> = {
  ConfigMap: [
    { path: 'data', struct: 'ConfigMap', type: 'stringMap' },
    { path: 'binaryData', struct: 'ConfigMap', type: 'base64Map' },
  ],
  Secret: [
    { path: 'data', struct: 'Secret', type: 'base64Map' },
    { path: 'stringData', struct: 'Secret', type: 'stringMap' },
    { path: 'type', struct: 'Secret', type: 'string' },
  ],
  StatefulSet: [
    { path: 'spec.replicas', struct: 'StatefulSetSpec', type: 'int32' },
    { path: 'spec.minReadySeconds', struct: 'StatefulSetSpec', type: 'int32' },
    { path: 'spec.revisionHistoryLimit', struct: 'StatefulSetSpec', type: 'int32' },
    { path: 'spec.serviceName', struct: 'StatefulSetSpec', type: 'string' },
    { path: 'spec.updateStrategy.rollingUpdate.partition', struct: 'RollingUpdateStatefulSetStrategy', type: 'int32' },
    { path: 'spec.template.metadata.labels', struct: 'ObjectMeta', type: 'stringMap' },
    ...podSpec('spec.template.spec'),
  ],
  Pod: podSpec('spec'),
  Service: [
    { path: 'spec.ports.*.port', struct: 'ServicePort', type: 'int32' },
    { path: 'spec.ports.*.nodePort', struct: 'ServicePort', type: 'int32' },
    { path: 'spec.selector', struct: 'ServiceSpec', type: 'stringMap' },
  ],
};

const int32Max = 2 ** 31 - 1;
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'bool' : typeof value;
}

/** Why `value` does not decode as `type`, in encoding/json's words ('' when it does). null decodes as the zero value, as in Go. */
function mismatch(value: unknown, type: FieldType, field: string): string {
  if (value === null || value === undefined) return '';
  const wrong = (goType: string, shown = jsonType(value)) => `cannot unmarshal ${shown} into Go struct field ${field} of type ${goType}`;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? '' : wrong('string');
    case 'int32':
      if (typeof value !== 'number') return wrong('int32');
      return Number.isInteger(value) && value >= -int32Max - 1 && value <= int32Max ? '' : wrong('int32', `number ${String(value)}`);
    case 'stringMap':
    case 'base64Map': {
      const goType = type === 'stringMap' ? 'map[string]string' : 'map[string][]uint8';
      if (typeof value !== 'object' || Array.isArray(value)) return wrong(goType);
      for (const entry of Object.values(value as Record<string, unknown>)) {
        if (entry === null) continue;
        if (typeof entry !== 'string') return wrong(type === 'stringMap' ? 'string' : '[]uint8');
        if (type === 'base64Map' && (entry.length % 4 !== 0 || !base64.test(entry))) return 'illegal base64 data at input byte 0';
      }
      return '';
    }
  }
}

/** Every value at `segments` in `root` (arrays fan out at `*`), walked by index to avoid copying paths. */
function valuesAt(root: unknown, segments: string[], from = 0, out: unknown[] = []): unknown[] {
  if (from === segments.length) {
    out.push(root);
    return out;
  }
  if (root === null || typeof root !== 'object') return out;
  const head = segments[from];
  if (head === '*') {
    if (Array.isArray(root)) for (const item of root) valuesAt(item, segments, from + 1, out);
    return out;
  }
  if (Array.isArray(root)) return out;
  const record = root as Record<string, unknown>;
  if (head in record) valuesAt(record[head], segments, from + 1, out);
  return out;
}

/** A rule ready to apply: its path split once and the field name Go prints, so a check allocates nothing. */
interface CompiledRule {
  segments: string[];
  field: string;
  type: FieldType;
}

const compiledRules = new Map<string, CompiledRule[]>();

function rulesFor(kind: string): CompiledRule[] {
  let rules = compiledRules.get(kind);
  if (!rules) {
    rules = [...objectMeta, ...(rulesByKind[kind] ?? [])].map((rule) => {
      const segments = rule.path.split('.');
      return { segments, field: `${rule.struct}.${segments.filter((segment) => segment !== '*').join('.')}`, type: rule.type };
    });
    compiledRules.set(kind, rules);
  }
  return rules;
}

/** The first decode error in `object` read as `kind`, or undefined when every known field has its type. */
export function decodeError(kind: string, object: KubeObject): ApiError | undefined {
  for (const rule of rulesFor(kind)) {
    for (const value of valuesAt(object, rule.segments)) {
      const why = mismatch(value, rule.type, rule.field);
      if (why) return badRequest(`${kind} in version "${versionOf(object)}" cannot be handled as a ${kind}: json: ${why}`);
    }
  }
  return undefined;
}

function versionOf(object: KubeObject): string {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  return apiVersion.split('/').pop() || 'v1';
}

/** Throws the decode error of `object` as `kind`, if it has one. */
export function checkDecodable(kind: string, object: KubeObject): void {
  const error = decodeError(kind, object);
  if (error) throw error;
}
