import type http from 'node:http';
import { ApiError, badRequest, failure } from '../apiError';
import { makeFilter } from '../registry/listFilter';
import type { StoredObject } from '../../store/objectStore';
import type { ApiContext, ResolvedRequest } from './apiContext';
import { negotiateOutput, partialMetadata, toTable } from './outputFormat';
import { sendJson, sendJsonBytes } from './respond';

/**
 * GET on a collection: every object of the resource (in a namespace or all), filtered by label and
 * field selectors, sorted by namespace/name, cut into pages by `limit` with an opaque `continue`
 * token. The JSON of each stored object is reused, so a list of thousands is a string join.
 */
interface ContinueToken {
  rv: number;
  after: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof token.after !== 'string' || typeof token.rv !== 'number') throw new Error('bad token');
    return token;
  } catch {
    throw badRequest('continue key is not valid: the continue token could not be decoded');
  }
}

function sortKey(item: StoredObject): string {
  return `${item.object.metadata.namespace ?? ''}/${item.object.metadata.name ?? ''}`;
}

export function serveList(ctx: ApiContext, request: ResolvedRequest, res: http.ServerResponse, req: http.IncomingMessage): void {
  const { strategy, url } = request;
  const format = negotiateOutput(req, url);
  const registry = ctx.registry;
  const filter = makeFilter(registry.key(strategy.resource), strategy.resource.resource, request.namespace || undefined, url.searchParams.get('labelSelector'), url.searchParams.get('fieldSelector'));
  let items = registry.listStored(strategy.resource, filter);
  const revision = registry.store.currentRevision;
  let listRevision = revision;
  const continueText = url.searchParams.get('continue');
  if (continueText) {
    const token = decodeContinue(continueText);
    if (token.rv < registry.store.oldestResumableRevision)
      throw new ApiError(failure(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'));
    listRevision = token.rv;
    items = items.filter((item) => sortKey(item) > token.after);
  }
  const limit = Number(url.searchParams.get('limit') ?? 0);
  const metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number } = { resourceVersion: String(listRevision) };
  if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
    metadata.continue = encodeContinue({ rv: listRevision, after: sortKey(items[limit - 1]) });
    metadata.remainingItemCount = items.length - limit;
    items = items.slice(0, limit);
  }
  if (format.kind === 'table') {
    const table = toTable(strategy.resource, items.map((item) => item.object), format.includeObject);
    table.metadata = metadata;
    return sendJson(res, 200, table);
  }
  if (format.kind === 'partial') {
    return sendJson(res, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: items.map((item) => partialMetadata(item.object)) });
  }
  const apiVersion = strategy.resource.group ? `${strategy.resource.group}/${strategy.resource.version}` : strategy.resource.version;
  const head = Buffer.from(`{"kind":${JSON.stringify(`${strategy.kind}List`)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[`);
  // The stored JSON of each object, joined as bytes: no object is serialized again.
  const parts: Buffer[] = [head];
  const comma = Buffer.from(',');
  items.forEach((item, index) => {
    if (index) parts.push(comma);
    parts.push(item.bytes);
  });
  parts.push(Buffer.from(']}'));
  sendJsonBytes(res, 200, Buffer.concat(parts));
}
