import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../store/types';
import { printTable } from '../../printers';
import { strategies } from './index';

/** Whatever JSON a client sends, defaulting, validation and printing report problems and never throw. */

const oddValues: unknown[] = [null, 'text', 42, true, [], [1, 'two', null], {}, { containers: 'x', ports: [null, 3] }];

function oddObjects(kind: string, apiVersion: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const value of oddValues) {
    objects.push({ apiVersion, kind, metadata: { name: 'odd', namespace: 'default' }, spec: value });
    objects.push({ apiVersion, kind, metadata: { name: 'odd', namespace: 'default' }, spec: { template: value, selector: value, ports: value, containers: [value], volumeClaimTemplates: [value], accessModes: value, resources: value, type: value } });
    objects.push({ apiVersion, kind, metadata: { name: 'odd', labels: value as Record<string, string> }, status: value, subjects: value, roleRef: value, rules: [value], data: value, subsets: [value], endpoints: [value], involvedObject: value });
  }
  return objects;
}

describe('malformed objects', () => {
  it.each(strategies.map((strategy) => [strategy.kind, strategy] as const))('%s strategy and printer never throw', (_kind, strategy) => {
    const apiVersion = strategy.resource.group ? `${strategy.resource.group}/${strategy.resource.version}` : strategy.resource.version;
    for (const object of oddObjects(strategy.kind, apiVersion)) {
      const old = structuredClone(object);
      expect(() => strategy.applyDefaults(object)).not.toThrow();
      expect(Array.isArray(strategy.validate(object))).toBe(true);
      expect(Array.isArray(strategy.validate(object, old))).toBe(true);
      expect(() => strategy.specChanged?.(object, old)).not.toThrow();
      expect(() => printTable(strategy.resource, [object, old], { wide: true, includeObject: 'Object' })).not.toThrow();
    }
  });
});
