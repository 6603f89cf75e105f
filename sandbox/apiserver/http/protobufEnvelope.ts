import { ApiError, badRequest, failure } from '../apiError';

/**
 * A reader for the protobuf that real clients send the sandbox. client-go's typed clients (kubectl
 * 1.33 `create configmap|secret|namespace|serviceaccount`, `auth can-i` in every version) send
 * `application/vnd.kubernetes.protobuf` bodies and accept JSON back. A body is the "k8s\0" magic
 * and a runtime.Unknown (typeMeta = 1, raw = 2) whose `raw` is the object; the field numbers below
 * are those of k8s.io/api's generated.proto for the kinds decoded here.
 */
type Fields = Map<number, Array<Buffer | number>>;

function readVarint(buffer: Buffer, offset: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (offset >= buffer.length) throw badRequest('the protobuf body is truncated');
    const byte = buffer[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, offset];
    shift += 7;
    if (shift > 63) throw badRequest('the protobuf body has a malformed number');
  }
}

function readFields(buffer: Buffer): Fields {
  const fields: Fields = new Map();
  let offset = 0;
  while (offset < buffer.length) {
    const [key, next] = readVarint(buffer, offset);
    offset = next;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Buffer | number;
    if (wire === 0) [value, offset] = readVarint(buffer, offset);
    else if (wire === 2) {
      const [length, start] = readVarint(buffer, offset);
      if (start + length > buffer.length) throw badRequest('the protobuf body is truncated');
      value = buffer.subarray(start, start + length);
      offset = start + length;
    } else if (wire === 1 || wire === 5) {
      value = 0;
      offset += wire === 1 ? 8 : 4;
    } else throw badRequest('the protobuf body uses an unsupported wire type');
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

/** How one field decodes: a scalar, a map, or a nested message (optionally repeated). */
type FieldType = 'string' | 'int' | 'bool' | 'bytes' | 'strings' | 'stringMap' | 'bytesMap' | { message: Descriptor; repeated?: boolean };
type Descriptor = Record<number, [string, FieldType]>;

const ownerReference: Descriptor = { 1: ['kind', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'], 6: ['controller', 'bool'], 7: ['blockOwnerDeletion', 'bool'] };
const objectMeta: Descriptor = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  11: ['labels', 'stringMap'],
  12: ['annotations', 'stringMap'],
  13: ['ownerReferences', { message: ownerReference, repeated: true }],
  14: ['finalizers', 'strings'],
};
const localReference: Descriptor = { 1: ['name', 'string'] };
const resourceAttributes: Descriptor = {
  1: ['namespace', 'string'],
  2: ['verb', 'string'],
  3: ['group', 'string'],
  4: ['version', 'string'],
  5: ['resource', 'string'],
  6: ['subresource', 'string'],
  7: ['name', 'string'],
};
const nonResourceAttributes: Descriptor = { 1: ['path', 'string'], 2: ['verb', 'string'] };

const kinds: Record<string, Descriptor> = {
  ConfigMap: { 1: ['metadata', { message: objectMeta }], 2: ['data', 'stringMap'], 3: ['binaryData', 'bytesMap'], 4: ['immutable', 'bool'] },
  Secret: { 1: ['metadata', { message: objectMeta }], 2: ['data', 'bytesMap'], 3: ['type', 'string'], 4: ['stringData', 'stringMap'], 5: ['immutable', 'bool'] },
  Namespace: { 1: ['metadata', { message: objectMeta }], 2: ['spec', { message: { 1: ['finalizers', 'strings'] } }] },
  ServiceAccount: { 1: ['metadata', { message: objectMeta }], 3: ['imagePullSecrets', { message: localReference, repeated: true }], 4: ['automountServiceAccountToken', 'bool'] },
  SelfSubjectAccessReview: {
    1: ['metadata', { message: objectMeta }],
    2: ['spec', { message: { 1: ['resourceAttributes', { message: resourceAttributes }], 2: ['nonResourceAttributes', { message: nonResourceAttributes }] } }],
  },
  // k8s.io/api/authentication/v1: TokenRequestSpec audiences = 1, boundObjectRef = 3, expirationSeconds = 4.
  TokenRequest: {
    1: ['metadata', { message: objectMeta }],
    2: ['spec', { message: { 1: ['audiences', 'strings'], 3: ['boundObjectRef', { message: { 1: ['kind', 'string'], 2: ['apiVersion', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'] } }], 4: ['expirationSeconds', 'int'] } }],
  },
  SelfSubjectRulesReview: { 1: ['metadata', { message: objectMeta }], 2: ['spec', { message: { 1: ['namespace', 'string'] } }] },
};

function decodeMapEntries(values: Array<Buffer | number>, asBytes: boolean): Record<string, string> {
  const map: Record<string, string> = {};
  for (const value of values) {
    if (!Buffer.isBuffer(value)) continue;
    const entry = readFields(value);
    const key = entry.get(1)?.[0];
    const item = entry.get(2)?.[0];
    const keyText = Buffer.isBuffer(key) ? key.toString('utf8') : '';
    const itemBuffer = Buffer.isBuffer(item) ? item : Buffer.alloc(0);
    map[keyText] = asBytes ? itemBuffer.toString('base64') : itemBuffer.toString('utf8');
  }
  return map;
}

function decodeMessage(buffer: Buffer, descriptor: Descriptor): Record<string, unknown> {
  const fields = readFields(buffer);
  const result: Record<string, unknown> = {};
  for (const [number, values] of fields) {
    const spec = descriptor[number];
    if (!spec) continue;
    const [name, type] = spec;
    const first = values[0];
    switch (type) {
      case 'string':
        if (Buffer.isBuffer(first)) result[name] = first.toString('utf8');
        break;
      case 'bytes':
        if (Buffer.isBuffer(first)) result[name] = first.toString('base64');
        break;
      case 'int':
        if (typeof first === 'number') result[name] = first;
        break;
      case 'bool':
        if (typeof first === 'number') result[name] = first !== 0;
        break;
      case 'strings':
        result[name] = values.filter(Buffer.isBuffer).map((value) => value.toString('utf8'));
        break;
      case 'stringMap':
        result[name] = decodeMapEntries(values, false);
        break;
      case 'bytesMap':
        result[name] = decodeMapEntries(values, true);
        break;
      default: {
        const messages = values.filter(Buffer.isBuffer).map((value) => decodeMessage(value, type.message));
        result[name] = type.repeated ? messages : messages[0];
      }
    }
  }
  return result;
}

const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function isProtobufContentType(contentType: string): boolean {
  return contentType === 'application/vnd.kubernetes.protobuf';
}

/** Decodes a protobuf request body into the JSON object it stands for (apiVersion and kind included). */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(magic)) throw badRequest('the protobuf body lacks the k8s envelope');
  const unknown = readFields(body.subarray(4));
  const typeMeta = unknown.get(1)?.[0];
  const raw = unknown.get(2)?.[0];
  const type = Buffer.isBuffer(typeMeta) ? decodeMessage(typeMeta, { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }) : {};
  const kind = typeof type.kind === 'string' ? type.kind : '';
  const descriptor = kinds[kind];
  if (!descriptor || !Buffer.isBuffer(raw))
    throw new ApiError(failure(415, 'UnsupportedMediaType', `the sandbox cluster reads protobuf only for ${Object.keys(kinds).join(', ')}; send ${kind || 'this object'} as JSON or YAML (for example with kubectl apply -f)`));
  return { apiVersion: type.apiVersion, kind, ...decodeMessage(raw, descriptor) };
}
