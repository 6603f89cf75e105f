import type http from 'node:http';
import { badRequest } from '../apiError';
import type { UserInfo } from '../authn/tokenAuthenticator';
import type { ApiContext } from './apiContext';
import { mediaType, parseBody, readBody } from './requestBody';
import { sendJson } from './respond';
import { decodeProtobufObject, isProtobufContentType } from './protobufEnvelope';

/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview ("may I do this?", `kubectl auth can-i`) and
 * SelfSubjectRulesReview (`kubectl auth can-i --list`), answered by the same RBAC rules that
 * authorize requests.
 */
interface ReviewSpec {
  resourceAttributes?: { namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string };
  nonResourceAttributes?: { path?: string; verb?: string };
  namespace?: string;
}

export async function serveSelfSubjectAccessReview(ctx: ApiContext, user: UserInfo, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  const review = (isProtobufContentType(mediaType(req)) ? decodeProtobufObject(body) : parseBody(body, mediaType(req))) as { spec?: ReviewSpec; metadata?: object };
  const spec = review?.spec;
  if (!spec || (!spec.resourceAttributes && !spec.nonResourceAttributes))
    throw badRequest('SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
  const resource = spec.resourceAttributes;
  const allowed = ctx.authorizer.authorize(
    resource
      ? { user, verb: resource.verb ?? '', isResource: true, apiGroup: resource.group ?? '', resource: resource.resource ?? '', subresource: resource.subresource ?? '', namespace: resource.namespace ?? '', name: resource.name ?? '', path: '' }
      : { user, verb: spec.nonResourceAttributes?.verb ?? '', isResource: false, apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path: spec.nonResourceAttributes?.path ?? '' },
  );
  const status: Record<string, unknown> = { allowed };
  if (allowed) status.reason = `RBAC: allowed by the sandbox's bindings for User "${user.name}"`;
  sendJson(res, 201, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status });
}

export async function serveSelfSubjectRulesReview(ctx: ApiContext, user: UserInfo, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  const review = (isProtobufContentType(mediaType(req)) ? decodeProtobufObject(body) : parseBody(body, mediaType(req))) as { spec?: ReviewSpec };
  const namespace = review?.spec?.namespace ?? '';
  const rules = ctx.authorizer.rulesFor(user, namespace);
  const resourceRules = rules.filter((rule) => rule.resources?.length).map((rule) => ({ verbs: rule.verbs ?? [], apiGroups: rule.apiGroups ?? [], resources: rule.resources ?? [], resourceNames: rule.resourceNames }));
  const nonResourceRules = rules.filter((rule) => rule.nonResourceURLs?.length).map((rule) => ({ verbs: rule.verbs ?? [], nonResourceURLs: rule.nonResourceURLs ?? [] }));
  sendJson(res, 201, {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: review?.spec ?? {},
    status: { resourceRules, nonResourceRules, incomplete: false },
  });
}
