import { createHash } from 'node:crypto';
import { strategies } from '../registry/strategies';
import { resourcePaths } from './operations';
import { componentSchemas, modelNameForKind, type JsonSchema } from './schemaBuilder';

export { openApiV2Json, openApiV2Protobuf, openApiV2ProtobufContentType } from './openApiV2';

/**
 * /openapi/v3 and its per-group-version documents. kubectl 1.27+ fetches them to learn that the
 * server validates fields (PATCH has `fieldValidation`), to build `kubectl apply` patches, and for
 * `kubectl explain`.
 */

const sharedModels = ['io.k8s.apimachinery.pkg.apis.meta.v1.Status', 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'];

/** "api/v1", "apis/apps/v1": the document path of every served group-version. */
function documentPaths(): string[] {
  const seen = new Set<string>();
  for (const strategy of strategies) {
    const { group, version } = strategy.resource;
    seen.add(group ? `apis/${group}/${version}` : `api/${version}`);
  }
  return [...seen];
}

function buildDocument(documentPath: string): JsonSchema | undefined {
  const parts = documentPath.split('/');
  const [group, version] = parts[0] === 'api' ? ['', parts[1]] : [parts[1], parts[2]];
  const served = strategies.filter((strategy) => strategy.resource.group === group && strategy.resource.version === version);
  if (served.length === 0) return undefined;
  const paths: Record<string, JsonSchema> = {};
  const roots = [...sharedModels];
  for (const strategy of served) {
    Object.assign(paths, resourcePaths(strategy));
    const model = modelNameForKind(group, version, strategy.kind);
    if (model) roots.push(model);
    if (strategy.subresources.includes('scale')) roots.push('io.k8s.api.autoscaling.v1.Scale');
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.33.0' },
    paths,
    components: { schemas: componentSchemas(roots) },
  };
}

interface BuiltDocument {
  document: JsonSchema;
  text: string;
  hash: string;
}

let documents: Map<string, BuiltDocument> | undefined;

function allDocuments(): Map<string, BuiltDocument> {
  if (!documents) {
    documents = new Map();
    for (const documentPath of documentPaths()) {
      const document = buildDocument(documentPath);
      if (!document) continue;
      const text = JSON.stringify(document);
      documents.set(documentPath, { document, text, hash: createHash('sha512').update(text).digest('hex').toUpperCase() });
    }
  }
  return documents;
}

/** GET /openapi/v3: where each group-version's document is, with a content hash as upstream. */
export function openApiV3Index(): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [documentPath, built] of allDocuments()) paths[documentPath] = { serverRelativeURL: `/openapi/v3/${documentPath}?hash=${built.hash}` };
  return { paths };
}

/**
 * GET /openapi/v3/<path>: the document for "api/v1", "/openapi/v3/apis/apps/v1" or the like (a
 * query string is ignored), or undefined for a 404.
 */
export function openApiV3Document(path: string): JsonSchema | undefined {
  return builtDocument(path)?.document;
}

/** The same document already serialized, as the HTTP handler sends it. */
export function openApiV3DocumentText(path: string): string | undefined {
  return builtDocument(path)?.text;
}

function builtDocument(path: string): BuiltDocument | undefined {
  const documentPath = path.split('?')[0].replace(/^\/?(openapi\/v3\/)?/, '').replace(/\/$/, '');
  return allDocuments().get(documentPath);
}
