import type http from 'node:http';
import { badRequest, conflict, notFound } from '../apiError';
import { formatLabelSelector, type LabelSelectorObject } from '../selectors/labelSelector';
import type { KubeObject } from '../../store/types';
import type { ApiContext, ResolvedRequest } from './apiContext';
import { patchFunction } from './patchBody';
import { mediaType, parseBody, readBody } from './requestBody';
import { sendJson } from './respond';
import { dryRunOption } from './dryRunOption';

/**
 * statefulsets/scale as autoscaling/v1 Scale: GET reads spec.replicas, status.replicas and the
 * selector as a string; PUT and PATCH (what `kubectl scale` sends) change only spec.replicas, with
 * the Scale's resourceVersion as precondition when given.
 */
interface Scale extends KubeObject {
  spec?: { replicas?: number };
  status?: { replicas: number; selector: string };
}

function toScale(object: KubeObject): Scale {
  const spec = (object.spec ?? {}) as { replicas?: number; selector?: LabelSelectorObject };
  const status = (object.status ?? {}) as { replicas?: number };
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector: formatLabelSelector(spec.selector) },
  };
}

async function writeReplicas(ctx: ApiContext, request: ResolvedRequest, scale: Scale, dryRun: boolean): Promise<KubeObject> {
  const replicas = scale.spec?.replicas;
  const { resource } = request.strategy;
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas) || Math.abs(replicas) > 2 ** 31 - 1)) {
    // What decoding the Scale into autoscaling/v1 (an int32 field) answers upstream.
    const shown = typeof replicas === 'number' ? `number ${String(replicas)}` : typeof replicas === 'string' ? 'string' : Array.isArray(replicas) ? 'array' : typeof replicas === 'boolean' ? 'bool' : replicas === null ? 'null' : 'object';
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${shown} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  return ctx.registry.patch(
    resource,
    request.namespace,
    request.info.name,
    (current) => {
      if (scale.metadata?.resourceVersion && scale.metadata.resourceVersion !== current.metadata.resourceVersion) throw conflict(resource, request.info.name);
      const spec = (current.spec ?? {}) as Record<string, unknown>;
      if (replicas === undefined) delete spec.replicas;
      else spec.replicas = replicas;
      current.spec = spec;
      delete current.metadata.resourceVersion;
      return current;
    },
    { dryRun },
  );
}

export async function serveScale(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { resource } = request.strategy;
  const stored = ctx.registry.getStored(resource, request.namespace, request.info.name);
  if (!stored) throw notFound(resource, request.info.name);
  if (req.method === 'GET') return sendJson(res, 200, toScale(stored.object));
  const dryRun = dryRunOption(request.url, req.method === 'PUT' ? 'UpdateOptions' : 'PatchOptions');
  let scale: Scale;
  if (req.method === 'PUT') scale = parseBody(await readBody(req), mediaType(req)) as Scale;
  else scale = patchFunction(mediaType(req), await readBody(req))(toScale(stored.object)) as Scale;
  if (!scale || typeof scale !== 'object') throw badRequest('the request body must be a Scale object');
  if (req.method === 'PATCH' && scale.metadata?.resourceVersion === stored.object.metadata.resourceVersion) delete scale.metadata.resourceVersion;
  const updated = await writeReplicas(ctx, request, scale, dryRun);
  sendJson(res, 200, toScale(updated));
}
