import type http from 'node:http';
import { ApiError, failure } from '../apiError';
import type { KubeObject, ResourceRef } from '../../store/types';
import { printTable, type Table } from '../printers';

/**
 * Content negotiation for reads: plain JSON, a meta.k8s.io/v1 Table (what kubectl get asks for),
 * or PartialObjectMetadata. The first acceptable entry of the Accept header wins, as in
 * kube-apiserver; protobuf is not served, so clients fall back to the JSON they also offer.
 */
export type OutputFormat = { kind: 'json' } | { kind: 'table'; includeObject: 'None' | 'Metadata' | 'Object' } | { kind: 'partial' };

export function negotiateOutput(req: http.IncomingMessage, url: URL): OutputFormat {
  const accept = req.headers.accept;
  if (!accept) return { kind: 'json' };
  for (const entry of accept.split(',')) {
    const [type, ...parameterTexts] = entry.split(';').map((part) => part.trim());
    const parameters = new Map(parameterTexts.map((text) => text.split('=').map((part) => part.trim()) as [string, string]));
    if (!['application/json', '*/*', 'application/*', 'application/yaml'].includes(type)) continue;
    const as = parameters.get('as');
    if (!as) return { kind: 'json' };
    if (parameters.get('g') !== 'meta.k8s.io' || !['v1', 'v1beta1'].includes(parameters.get('v') ?? '')) continue;
    if (as === 'Table') {
      const asked = url.searchParams.get('includeObject');
      const includeObject = asked === 'None' || asked === 'Object' ? asked : 'Metadata';
      return { kind: 'table', includeObject };
    }
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { kind: 'partial' };
  }
  throw new ApiError(failure(406, 'NotAcceptable', `only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io`));
}

export function toTable(resource: ResourceRef, objects: KubeObject[], includeObject: 'None' | 'Metadata' | 'Object'): Table {
  // The server always fills the wide columns; kubectl hides those with priority > 0 unless -o wide.
  return printTable(resource, objects, { wide: true, includeObject });
}

export function partialMetadata(object: KubeObject): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}
