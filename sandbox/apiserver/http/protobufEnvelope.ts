import { badRequest } from '../apiError';

/**
 * A reader for the little protobuf the sandbox must understand: client-go's typed clients (as in
 * `kubectl auth can-i`) send SelfSubjectAccessReview and SelfSubjectRulesReview bodies as
 * `application/vnd.kubernetes.protobuf` and accept JSON back. The body is the "k8s\0" magic and a
 * runtime.Unknown whose `raw` holds the object; this decodes just the fields the reviews carry.
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
    } else if (wire === 1) {
      value = 0;
      offset += 8;
    } else if (wire === 5) {
      value = 0;
      offset += 4;
    } else throw badRequest('the protobuf body uses an unsupported wire type');
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

function bytes(fields: Fields, field: number): Buffer | undefined {
  const value = fields.get(field)?.[0];
  return Buffer.isBuffer(value) ? value : undefined;
}

function text(fields: Fields, field: number): string | undefined {
  return bytes(fields, field)?.toString('utf8');
}

const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function isProtobufContentType(contentType: string): boolean {
  return contentType === 'application/vnd.kubernetes.protobuf';
}

/** The object inside a protobuf envelope, as its field map. */
function unwrap(body: Buffer): Fields {
  if (body.length < 4 || !body.subarray(0, 4).equals(magic)) throw badRequest('the protobuf body lacks the k8s envelope');
  const unknown = readFields(body.subarray(4));
  const raw = bytes(unknown, 2);
  if (!raw) throw badRequest('the protobuf envelope is empty');
  return readFields(raw);
}

function withoutUndefined(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

/** SelfSubjectAccessReview (authorization.k8s.io/v1) as the JSON object it stands for. */
export function decodeSelfSubjectAccessReview(body: Buffer): { spec: Record<string, unknown> } {
  const review = unwrap(body);
  const specFields = bytes(review, 2);
  const spec: Record<string, unknown> = {};
  if (specFields) {
    const parsed = readFields(specFields);
    const resource = bytes(parsed, 1);
    const nonResource = bytes(parsed, 2);
    if (resource) {
      const r = readFields(resource);
      spec.resourceAttributes = withoutUndefined({ namespace: text(r, 1), verb: text(r, 2), group: text(r, 3), version: text(r, 4), resource: text(r, 5), subresource: text(r, 6), name: text(r, 7) });
    }
    if (nonResource) {
      const n = readFields(nonResource);
      spec.nonResourceAttributes = withoutUndefined({ path: text(n, 1), verb: text(n, 2) });
    }
  }
  return { spec };
}

/** SelfSubjectRulesReview: only spec.namespace matters. */
export function decodeSelfSubjectRulesReview(body: Buffer): { spec: Record<string, unknown> } {
  const review = unwrap(body);
  const specFields = bytes(review, 2);
  return { spec: specFields ? withoutUndefined({ namespace: text(readFields(specFields), 1) }) : {} };
}
