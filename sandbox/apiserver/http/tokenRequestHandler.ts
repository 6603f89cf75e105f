import type http from 'node:http';
import { badRequest, invalid, notFound } from '../apiError';
import { apiAudience, serviceAccountClaims, signServiceAccountToken } from '../authn/serviceAccountTokens';
import { resources } from '../registry/clusterClient';
import type { FieldError } from '../registry/strategy';
import type { ApiContext, ResolvedRequest } from './apiContext';
import { decodeProtobufObject, isProtobufContentType } from './protobufEnvelope';
import { mediaType, parseBody, readBody } from './requestBody';
import { sendJson } from './respond';

/**
 * serviceaccounts/token: the authentication.k8s.io/v1 TokenRequest API that `kubectl create token`
 * calls. Answers the request back with `status.token` (signed by the sandbox) and
 * `status.expirationTimestamp`, with the defaults and limits of kube-apiserver: one hour unless
 * asked, no less than ten minutes, the API server's own audience unless others are named.
 */
interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number | null;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null;
}

const defaultExpirationSeconds = 3600;
const minExpirationSeconds = 600;
const maxExpirationSeconds = 2 ** 32;

function validate(spec: TokenRequestSpec): FieldError[] {
  const errors: FieldError[] = [];
  const seconds = spec.expirationSeconds;
  if (seconds !== undefined && seconds !== null) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) errors.push({ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', value: seconds, message: 'must be an integer' });
    else if (seconds < minExpirationSeconds) errors.push({ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', value: seconds, message: 'may not specify a duration less than 10 minutes' });
    else if (seconds > maxExpirationSeconds) errors.push({ reason: 'FieldValueTooLong', field: 'spec.expirationSeconds', value: seconds, message: 'may not specify a duration larger than 2^32 seconds' });
  }
  if (spec.audiences !== undefined && spec.audiences !== null && (!Array.isArray(spec.audiences) || spec.audiences.some((audience) => typeof audience !== 'string')))
    errors.push({ reason: 'FieldValueInvalid', field: 'spec.audiences', value: spec.audiences, message: 'must be a list of strings' });
  if (spec.boundObjectRef) errors.push({ reason: 'FieldValueNotSupported', field: 'spec.boundObjectRef.kind', value: spec.boundObjectRef.kind ?? '', message: 'the sandbox cluster does not bind tokens to Pods or Secrets; leave out --bound-object-kind' });
  return errors;
}

export async function serveTokenRequest(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const namespace = request.namespace ?? '';
  const name = request.info.name;
  const body = await readBody(req);
  const tokenRequest = (isProtobufContentType(mediaType(req)) ? decodeProtobufObject(body) : parseBody(body, mediaType(req))) as { kind?: string; spec?: TokenRequestSpec } | null;
  if (!tokenRequest || typeof tokenRequest !== 'object' || Array.isArray(tokenRequest)) throw badRequest('the request body must be an authentication.k8s.io/v1 TokenRequest');
  if (tokenRequest.kind !== undefined && tokenRequest.kind !== 'TokenRequest') throw badRequest(`the request body is a ${String(tokenRequest.kind)}; a TokenRequest is required`);
  const spec: TokenRequestSpec = tokenRequest.spec && typeof tokenRequest.spec === 'object' ? tokenRequest.spec : {};
  const serviceAccount = ctx.registry.getStored(resources.serviceAccounts, namespace, name);
  if (!serviceAccount) throw notFound(resources.serviceAccounts, name);
  const errors = validate(spec);
  if (errors.length) throw invalid('TokenRequest', 'authentication.k8s.io', name, errors);
  const audiences = spec.audiences?.length ? spec.audiences : [apiAudience];
  const expirationSeconds = spec.expirationSeconds ?? defaultExpirationSeconds;
  const now = Math.floor(Date.now() / 1000);
  const claims = serviceAccountClaims({ namespace, name, uid: serviceAccount.object.metadata.uid ?? '', audiences, expirationSeconds, now });
  const dryRun = request.url.searchParams.getAll('dryRun').includes('All');
  sendJson(res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    // Not stored: no uid or resourceVersion, as upstream answers it.
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds, boundObjectRef: null },
    status: { token: dryRun ? '' : signServiceAccountToken(ctx.serviceAccountSigningKey, claims), expirationTimestamp: new Date(claims.exp * 1000).toISOString().replace('.000Z', 'Z') },
  });
}
