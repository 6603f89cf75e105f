import type http from 'node:http';
import { badRequest, methodNotAllowed, notFound } from '../apiError';
import type { RegistryDeleteOptions } from '../registry/genericRegistry';
import type { KubeObject } from '../../store/types';
import type { ApiContext, ResolvedRequest } from './apiContext';
import { negotiateOutput, partialMetadata, toTable } from './outputFormat';
import { patchFunction } from './patchBody';
import { mediaType, parseBody, readBody } from './requestBody';
import { sendJson, sendJsonBytes } from './respond';
import { decodeProtobufObject, isProtobufContentType } from './protobufEnvelope';
import { dryRunOption } from './dryRunOption';

/** get, create, update, patch, delete and deletecollection on a resource or its status subresource. */

function sendObject(req: http.IncomingMessage, request: ResolvedRequest, res: http.ServerResponse, code: number, object: KubeObject, ctx?: ApiContext): void {
  const format = negotiateOutput(req, request.url);
  if (format.kind === 'json' && ctx && !request.url.searchParams.has('dryRun')) {
    // The stored JSON of exactly this version, when nothing changed it since, saves serializing it again.
    const stored = ctx.registry.getStored(request.strategy.resource, request.namespace, object.metadata.name ?? '');
    if (stored && stored.object.metadata.resourceVersion === object.metadata.resourceVersion && object.metadata.resourceVersion) return sendJsonBytes(res, code, stored.bytes);
  }
  if (format.kind === 'table') {
    const table = toTable(request.strategy.resource, [object], format.includeObject);
    table.metadata = { resourceVersion: object.metadata.resourceVersion };
    return sendJson(res, code, table);
  }
  if (format.kind === 'partial') return sendJson(res, code, partialMetadata(object));
  sendJson(res, code, object);
}

export function serveGet(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): void {
  const stored = ctx.registry.getStored(request.strategy.resource, request.namespace, request.info.name);
  if (!stored) throw notFound(request.strategy.resource, request.info.name);
  const format = negotiateOutput(req, request.url);
  if (format.kind === 'json') return sendJsonBytes(res, 200, stored.bytes);
  sendObject(req, request, res, 200, stored.object);
}

async function bodyObject(req: http.IncomingMessage, request: ResolvedRequest): Promise<KubeObject> {
  const body = await readBody(req);
  const value = isProtobufContentType(mediaType(req)) ? decodeProtobufObject(body) : parseBody(body, mediaType(req));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('the request body must be a single Kubernetes object');
  checkKind(value as KubeObject, request);
  return value as KubeObject;
}

/** A body of another kind or version than the URL's resource is refused by the decoder, as upstream (a Secret POSTed to configmaps). */
function checkKind(object: KubeObject, request: ResolvedRequest): void {
  const { kind, resource } = request.strategy;
  const expected = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  if (typeof object.apiVersion === 'string' && object.apiVersion && object.apiVersion !== expected)
    throw badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`);
  if (typeof object.kind === 'string' && object.kind && object.kind !== kind)
    throw badRequest(`${object.kind} in version "${resource.version}" cannot be handled as a ${kind}: the object provided is unrecognized (must be of type ${kind})`);
  if (object.kind !== undefined && typeof object.kind !== 'string') throw badRequest(`${kind} in version "${resource.version}" cannot be handled as a ${kind}: json: cannot unmarshal ${typeof object.kind} into Go struct field TypeMeta.kind of type string`);
}

export async function serveCreate(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (request.strategy.namespaced && !request.namespace) throw methodNotAllowed();
  const dryRun = dryRunOption(request.url, 'CreateOptions');
  const object = await bodyObject(req, request);
  const created = await ctx.registry.create(request.strategy.resource, object, { namespace: request.namespace, dryRun });
  sendObject(req, request, res, 201, created, ctx);
}

export async function serveUpdate(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse, subresource?: 'status'): Promise<void> {
  const dryRun = dryRunOption(request.url, 'UpdateOptions');
  const object = await bodyObject(req, request);
  const updated = await ctx.registry.update(request.strategy.resource, object, {
    namespace: request.namespace,
    name: request.info.name,
    subresource,
    dryRun,
  });
  sendObject(req, request, res, 200, updated, ctx);
}

export async function servePatch(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse, subresource?: 'status'): Promise<void> {
  const dryRun = dryRunOption(request.url, 'PatchOptions');
  const apply = patchFunction(mediaType(req), await readBody(req));
  const patched = await ctx.registry.patch(request.strategy.resource, request.namespace, request.info.name, apply as (current: KubeObject) => unknown, {
    subresource,
    dryRun,
  });
  sendObject(req, request, res, 200, patched, ctx);
}

interface DeleteOptionsBody {
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: unknown;
}

async function deleteOptions(req: http.IncomingMessage, url: URL): Promise<RegistryDeleteOptions> {
  const raw = await readBody(req);
  const body: DeleteOptionsBody = raw.length && raw.toString('utf8').trim() ? (parseBody(raw, mediaType(req)) as DeleteOptionsBody) : {};
  const policy = url.searchParams.get('propagationPolicy') ?? body.propagationPolicy ?? (body.orphanDependents === true || url.searchParams.get('orphanDependents') === 'true' ? 'Orphan' : undefined);
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy))
    throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
  const graceText = url.searchParams.get('gracePeriodSeconds');
  const grace = graceText !== null ? Number(graceText) : body.gracePeriodSeconds;
  return {
    propagationPolicy: policy as RegistryDeleteOptions['propagationPolicy'],
    gracePeriodSeconds: grace !== undefined && Number.isFinite(grace) ? grace : undefined,
    uid: body.preconditions?.uid,
    resourceVersion: body.preconditions?.resourceVersion,
    dryRun: dryRunOption(url, 'DeleteOptions', body),
  };
}

export async function serveDelete(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const options = await deleteOptions(req, request.url);
  const result = await ctx.registry.remove(request.strategy.resource, request.namespace, request.info.name, options);
  if (!result.deleted || request.strategy.kind === 'Pod') return sendJson(res, 200, result.object);
  sendJson(res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: request.info.name, group: request.strategy.resource.group || undefined, kind: request.strategy.resource.resource, uid: result.object.metadata.uid },
  });
}

export async function serveDeleteCollection(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const options = await deleteOptions(req, request.url);
  const { items } = ctx.registry.list(request.strategy.resource, request.namespace || undefined, {
    labelSelector: request.url.searchParams.get('labelSelector') ?? undefined,
    fieldSelector: request.url.searchParams.get('fieldSelector') ?? undefined,
  });
  const deleted: KubeObject[] = [];
  for (const item of items) {
    try {
      deleted.push((await ctx.registry.remove(request.strategy.resource, item.metadata.namespace, item.metadata.name ?? '', options)).object);
    } catch (error) {
      if (!(error instanceof Error && 'status' in error)) throw error;
    }
  }
  const apiVersion = request.strategy.resource.group ? `${request.strategy.resource.group}/${request.strategy.resource.version}` : request.strategy.resource.version;
  sendJson(res, 200, { kind: `${request.strategy.kind}List`, apiVersion, metadata: { resourceVersion: String(ctx.registry.store.currentRevision) }, items: deleted });
}
