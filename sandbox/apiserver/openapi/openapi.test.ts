import { describe, expect, it } from 'vitest';
import { openApiV2Protobuf, openApiV3Document, openApiV3Index } from './index';

type Json = Record<string, unknown>;

function patchOperations(document: Json): Json[] {
  return Object.values(document.paths as Record<string, Json>)
    .map((path) => path.patch as Json | undefined)
    .filter((operation): operation is Json => operation !== undefined);
}

describe('openapi v3', () => {
  it('indexes one document per served group-version with a content hash', () => {
    const index = openApiV3Index();
    expect(Object.keys(index.paths).sort()).toEqual(['api/v1', 'apis/apps/v1', 'apis/authorization.k8s.io/v1', 'apis/discovery.k8s.io/v1', 'apis/rbac.authorization.k8s.io/v1', 'apis/storage.k8s.io/v1']);
    expect(index.paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
    expect(openApiV3Document(index.paths['apis/apps/v1'].serverRelativeURL)).toBe(openApiV3Document('apis/apps/v1'));
    expect(openApiV3Document('apis/batch/v1')).toBeUndefined();
  });

  it('advertises fieldValidation and strategic merge on every PATCH, tagged with its kind', () => {
    for (const path of Object.keys(openApiV3Index().paths)) {
      const document = openApiV3Document(path) as Json;
      for (const operation of patchOperations(document)) {
        expect(operation['x-kubernetes-group-version-kind'], `${path} ${String(operation.operationId)}`).toBeDefined();
        expect((operation.parameters as Json[]).some((parameter) => parameter.name === 'fieldValidation' && parameter.in === 'query')).toBe(true);
        expect(Object.keys(((operation.requestBody as Json).content as Json) ?? {})).toContain('application/strategic-merge-patch+json');
      }
    }
    const apps = openApiV3Document('apis/apps/v1') as Json;
    const statefulSetPatch = (apps.paths as Record<string, Json>)['/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}'].patch as Json;
    expect(statefulSetPatch).toMatchObject({ operationId: 'patchAppsV1NamespacedStatefulSet', 'x-kubernetes-group-version-kind': { group: 'apps', version: 'v1', kind: 'StatefulSet' } });
  });

  it('carries the patch metadata kubectl apply merges lists by, with every reference resolvable', () => {
    const apps = openApiV3Document('apis/apps/v1') as Json;
    const schemas = (apps.components as Json).schemas as Record<string, Json>;
    expect(schemas['io.k8s.api.apps.v1.StatefulSet']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'StatefulSet' }]);
    const podSpec = schemas['io.k8s.api.core.v1.PodSpec'].properties as Record<string, Json>;
    expect(podSpec.containers).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' });
    const container = schemas['io.k8s.api.core.v1.Container'].properties as Record<string, Json>;
    expect(container.ports).toMatchObject({ 'x-kubernetes-patch-merge-key': 'containerPort', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] });
    expect(container.volumeMounts).toMatchObject({ 'x-kubernetes-patch-merge-key': 'mountPath' });
    const text = JSON.stringify(apps);
    for (const match of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(schemas[match[1]], match[1]).toBeDefined();
  });
});

describe('openapi v2', () => {
  it('is a gnostic protobuf Document with swagger 2.0 and info', () => {
    const bytes = openApiV2Protobuf();
    // field 1 (swagger) "2.0", then field 2 (info) holding title and version.
    expect([...bytes.subarray(0, 5)]).toEqual([0x0a, 3, 0x32, 0x2e, 0x30]);
    expect(bytes[5]).toBe(0x12);
    expect(bytes[6]).toBe(bytes.length - 7);
    expect(bytes.subarray(7).toString('latin1')).toContain('Kubernetes');
  });
});
