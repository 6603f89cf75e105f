/**
 * /openapi/v2, as small as kubectl accepts. kubectl 1.27 and 1.28 download it (as gnostic
 * protobuf) before every `apply`/`create`, and fail with "failed to download openapi" without it;
 * they then validate on the server because the v3 documents advertise `fieldValidation`, and build
 * apply patches from their compiled-in types because this document describes none. kubectl 1.29+
 * only reads it as a last resort. The document carries `swagger: "2.0"` and `info` and no paths.
 */

/**
 * The Content-Type to answer with. Clients ask with "...spec.v2@v1.0+protobuf", but Go's
 * mime.ParseMediaType rejects the "@", so kube-openapi answers with the ".v1.0" spelling.
 */
export const openApiV2ProtobufContentType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const info = { title: 'Kubernetes', version: 'v1.33.0' };

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return bytes;
}

/** A length-delimited protobuf field (wire type 2). */
function lengthDelimited(fieldNumber: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(fieldNumber << 3) | 2, ...varint(payload.length)]), payload]);
}

/** openapi_v2.Document{swagger: "2.0", info: {title, version}} in protobuf wire format. */
export function openApiV2Protobuf(): Buffer {
  const infoMessage = Buffer.concat([lengthDelimited(1, Buffer.from(info.title)), lengthDelimited(2, Buffer.from(info.version))]);
  return Buffer.concat([lengthDelimited(1, Buffer.from('2.0')), lengthDelimited(2, infoMessage)]);
}

/** The same document as JSON, for clients that ask for application/json. */
export function openApiV2Json() {
  return { swagger: '2.0', info, paths: {}, definitions: {} };
}
