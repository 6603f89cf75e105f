import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../store/types';
import { decodeError } from './decodeTypes';

function statefulSet(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec };
}

describe('decode-time type checks', () => {
  it('accepts well-typed objects and nulls', () => {
    expect(decodeError('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'x' } }, data: { key: 'value' } })).toBeUndefined();
    expect(decodeError('StatefulSet', statefulSet({ replicas: 3, updateStrategy: { rollingUpdate: { partition: null } }, template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } } }))).toBeUndefined();
    expect(decodeError('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'cGFzcw==' } })).toBeUndefined();
  });

  it('refuses a numeric name with the decoder wording', () => {
    const error = decodeError('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 5 as unknown as string } });
    expect(error?.code).toBe(400);
    expect(error?.reason).toBe('BadRequest');
    expect(error?.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string');
  });

  it('refuses map values that are not strings and bad base64', () => {
    expect(decodeError('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { key: 1 } })?.message).toContain('of type string');
    expect(decodeError('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', annotations: { a: true } as unknown as Record<string, string> } })?.code).toBe(400);
    expect(decodeError('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'not base64!' } })?.message).toContain('illegal base64');
  });

  it.each([['three', 'string'], [2 ** 40, 'number 1099511627776'], [1e308, 'number 1e+308'], [1.5, 'number 1.5'], [2 ** 31, 'number 2147483648']])('refuses replicas %s', (replicas, shown) => {
    expect(decodeError('StatefulSet', statefulSet({ replicas }))?.message).toContain(`cannot unmarshal ${shown} into Go struct field StatefulSetSpec.spec.replicas of type int32`);
  });

  it('checks int32 fields inside arrays and nested structs', () => {
    expect(decodeError('StatefulSet', statefulSet({ updateStrategy: { rollingUpdate: { partition: 'x' } } }))?.message).toContain('RollingUpdateStatefulSetStrategy.spec.updateStrategy.rollingUpdate.partition');
    expect(decodeError('StatefulSet', statefulSet({ template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 2 ** 40 }] }] } } }))?.message).toContain('ContainerPort.spec.template.spec.containers.ports.containerPort of type int32');
    expect(decodeError('StatefulSet', statefulSet({ replicas: -(2 ** 31) }))).toBeUndefined();
  });
});
