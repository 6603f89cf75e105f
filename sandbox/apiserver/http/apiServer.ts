import https from 'node:https';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, failure, methodNotAllowed, pathNotFound, type Status } from '../apiError';
import type { UserInfo } from '../authn/tokenAuthenticator';
import { forbiddenMessage, type Attributes } from '../authz/rbacAuthorizer';
import type { ApiContext, ResolvedRequest } from './apiContext';
import { serveSelfSubjectAccessReview, serveSelfSubjectRulesReview } from './accessReviewHandler';
import { serveExecUpgrade, refuseUpgrade } from './execHandler';
import { serveList } from './listHandler';
import { serveLog } from './logHandler';
import { serveNonResource } from './nonResourceHandler';
import { serveCreate, serveDelete, serveDeleteCollection, serveGet, servePatch, serveUpdate } from './objectHandlers';
import { serveProxy } from './proxyHandler';
import { parseRequestInfo, type ResourceRequest } from './requestInfo';
import { sendError, sendStatus, statusOf } from './respond';
import { serveScale } from './scaleHandler';
import { serveSelfSubjectReview } from './selfSubjectReviewHandler';
import { serveTokenRequest } from './tokenRequestHandler';
import { serveWatch } from './watchHandler';

/**
 * The HTTPS front of the API server: authenticate (bearer token), work out what the request is
 * about, authorize it by RBAC, then hand it to the handler of its resource, subresource and verb.
 * Every failure becomes a Status; no request can take the process down.
 */
export interface ApiServerOptions {
  tls: { cert: string; key: string };
  authenticate(authorization: string | undefined): UserInfo | undefined;
}

const unauthorized = failure(401, 'Unauthorized', 'Unauthorized');

function attributesOf(user: UserInfo, info: ReturnType<typeof parseRequestInfo>): Attributes {
  if (!info.isResource) return { user, verb: info.verb, isResource: false, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path: info.path };
  // Opening a stream into a container creates something, whatever the HTTP method (as upstream since 1.30).
  const verb = ['exec', 'attach', 'portforward'].includes(info.subresource) && info.resource === 'pods' ? 'create' : info.verb;
  return { user, verb, isResource: true, apiGroup: info.apiGroup, resource: info.resource, subresource: info.subresource, namespace: info.namespace, name: info.name, path: '' };
}

function forbidden(attributes: Attributes): ApiError {
  const details = attributes.isResource ? { name: attributes.name || undefined, group: attributes.apiGroup || undefined, kind: attributes.resource } : undefined;
  return new ApiError(failure(403, 'Forbidden', forbiddenMessage(attributes), details));
}

function resolve(ctx: ApiContext, info: ResourceRequest, url: URL, user: UserInfo): ResolvedRequest {
  const strategy = ctx.registry.catalog.find(info.apiGroup, info.apiVersion, info.resource);
  if (!strategy) throw pathNotFound();
  if (!strategy.namespaced && info.namespace) throw pathNotFound();
  if (strategy.namespaced && info.name && !info.namespace) throw pathNotFound();
  return { info, url, user, strategy, namespace: strategy.namespaced ? info.namespace : undefined };
}

async function serveResource(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { info, strategy } = request;
  const method = req.method ?? 'GET';
  const allows = (verb: string) => strategy.verbs.includes(verb);
  if (strategy.resource.group === 'authorization.k8s.io') {
    if (method !== 'POST' || info.name) throw methodNotAllowed();
    if (info.resource === 'selfsubjectaccessreviews') return serveSelfSubjectAccessReview(ctx, request.user, req, res);
    if (info.resource === 'selfsubjectrulesreviews') return serveSelfSubjectRulesReview(ctx, request.user, req, res);
    throw pathNotFound();
  }
  if (info.subresource) {
    if (!strategy.subresources.includes(info.subresource)) throw pathNotFound();
    switch (info.subresource) {
      case 'status':
        if (method === 'GET') return serveGet(ctx, request, req, res);
        if (method === 'PUT') return serveUpdate(ctx, request, req, res, 'status');
        if (method === 'PATCH') return servePatch(ctx, request, req, res, 'status');
        throw methodNotAllowed();
      case 'scale':
        if (!['GET', 'PUT', 'PATCH'].includes(method)) throw methodNotAllowed();
        return serveScale(ctx, request, req, res);
      case 'log':
        if (method !== 'GET') throw methodNotAllowed();
        return serveLog(ctx, request, req, res);
      case 'proxy':
        return serveProxy(ctx, request, req, res);
      case 'token':
        if (method !== 'POST') throw methodNotAllowed();
        return serveTokenRequest(ctx, request, req, res);
      case 'exec':
      case 'attach':
        throw new ApiError(failure(400, 'BadRequest', 'Upgrade request required'));
      default:
        throw pathNotFound();
    }
  }
  if (info.name) {
    switch (method) {
      case 'GET':
        if (info.watch) return serveWatch(ctx, { ...request, url: withNameSelector(request.url, info.name) }, res, req);
        return serveGet(ctx, request, req, res);
      case 'PUT':
        if (!allows('update')) throw methodNotAllowed();
        return serveUpdate(ctx, request, req, res);
      case 'PATCH':
        if (!allows('patch')) throw methodNotAllowed();
        return servePatch(ctx, request, req, res);
      case 'DELETE':
        if (!allows('delete')) throw methodNotAllowed();
        return serveDelete(ctx, request, req, res);
      default:
        throw methodNotAllowed();
    }
  }
  switch (method) {
    case 'GET':
      if (info.watch) return serveWatch(ctx, request, res, req);
      if (!allows('list')) throw methodNotAllowed();
      return serveList(ctx, request, res, req);
    case 'POST':
      if (!allows('create')) throw methodNotAllowed();
      return serveCreate(ctx, request, req, res);
    case 'DELETE':
      if (!allows('deletecollection')) throw methodNotAllowed();
      return serveDeleteCollection(ctx, request, req, res);
    default:
      throw methodNotAllowed();
  }
}

/** /watch/namespaces/x/pods/web-0 watches one object: a metadata.name field selector. */
function withNameSelector(url: URL, name: string): URL {
  const copy = new URL(url);
  const existing = copy.searchParams.get('fieldSelector');
  copy.searchParams.set('fieldSelector', existing ? `${existing},metadata.name=${name}` : `metadata.name=${name}`);
  return copy;
}

export function createApiServer(ctx: ApiContext, options: ApiServerOptions): https.Server {
  const server = https.createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      try {
        sendError(res, error);
      } catch {
        res.destroy();
      }
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sandbox');
    const user = options.authenticate(req.headers.authorization);
    if (!user) return sendStatus(res, unauthorized);
    let info: ReturnType<typeof parseRequestInfo>;
    try {
      info = parseRequestInfo(req.method ?? 'GET', url);
    } catch {
      throw new ApiError(failure(400, 'BadRequest', 'the request path is not valid'));
    }
    const attributes = attributesOf(user, info);
    if (!ctx.authorizer.authorize(attributes)) throw forbidden(attributes);
    if (!info.isResource) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
      return serveNonResource(ctx, req, res, url);
    }
    if (info.apiGroup === 'authorization.k8s.io' && info.apiVersion === 'v1' && info.resource === 'selfsubjectrulesreviews' && !info.name) {
      // Not a stored kind (no strategy): answered straight from the RBAC rules.
      if (req.method !== 'POST') throw methodNotAllowed();
      return serveSelfSubjectRulesReview(ctx, user, req, res);
    }
    if (info.apiGroup === 'authentication.k8s.io' && info.apiVersion === 'v1' && info.resource === 'selfsubjectreviews' && !info.name) {
      // `kubectl auth whoami`: not stored either, answered from the authenticated user.
      if (req.method !== 'POST') throw methodNotAllowed();
      return serveSelfSubjectReview(user, req, res);
    }
    return serveResource(ctx, resolve(ctx, info, url, user), req, res);
  }

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    let status: Status | undefined;
    try {
      const url = new URL(req.url ?? '/', 'https://sandbox');
      const user = options.authenticate(req.headers.authorization);
      if (!user) status = unauthorized;
      else {
        const info = parseRequestInfo(req.method ?? 'GET', url);
        const attributes = attributesOf(user, info);
        if (!ctx.authorizer.authorize(attributes)) throw forbidden(attributes);
        if (!info.isResource || info.resource !== 'pods' || info.subresource !== 'exec' || info.apiGroup !== '') throw pathNotFound();
        const request = resolve(ctx, info, url, user);
        if (!ctx.registry.getStored(request.strategy.resource, request.namespace, info.name)) throw new ApiError(failure(404, 'NotFound', `pods "${info.name}" not found`, { name: info.name, kind: 'pods' }));
        if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
          status = failure(
            400,
            'BadRequest',
            'this sandbox cluster serves exec over WebSocket only (the SPDY protocol of kubectl 1.29 and older is not supported): use kubectl 1.30 or newer',
          );
        } else return serveExecUpgrade(ctx, request, req, socket, head);
      }
    } catch (error) {
      status = statusOf(error);
    }
    refuseUpgrade(socket, status ?? failure(500, 'InternalError', 'upgrade failed'));
  });

  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
