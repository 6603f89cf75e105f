import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from './strategicMergePatch';
import { applyJsonPatch } from './jsonPatch';
import { applyMergePatch } from './mergePatch';

describe('strategic merge patch', () => {
  const service = { spec: { ports: [{ port: 80, targetPort: 8080, name: 'http' }, { port: 443, name: 'https' }] } };

  it('merges Service ports by port and container ports by containerPort', () => {
    const patched = applyStrategicMergePatch(service, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }) as typeof service;
    expect(patched.spec.ports).toEqual([{ port: 80, targetPort: 9090, name: 'http' }, { port: 443, name: 'https' }]);
    const pod = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 1, name: 'x' }] }] } };
    const merged = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'a', ports: [{ containerPort: 1, protocol: 'TCP' }, { containerPort: 2 }] }] } });
    expect(merged).toEqual({ spec: { containers: [{ name: 'a', ports: [{ containerPort: 1, name: 'x', protocol: 'TCP' }, { containerPort: 2 }] }] } });
  });

  it('merges volumeMounts by mountPath and replaces lists without a merge key', () => {
    const pod = { spec: { containers: [{ name: 'a', args: ['1', '2'], volumeMounts: [{ mountPath: '/data', name: 'v' }] }] } };
    const patched = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'a', args: ['3'], volumeMounts: [{ mountPath: '/data', readOnly: true }] }] } });
    expect(patched).toEqual({ spec: { containers: [{ name: 'a', args: ['3'], volumeMounts: [{ mountPath: '/data', name: 'v', readOnly: true }] }] } });
  });

  it('honours $patch: replace on a map and $patch: delete on a map', () => {
    const object = { spec: { selector: { a: '1', b: '2' }, extra: { x: 1 } } };
    expect(applyStrategicMergePatch(object, { spec: { selector: { $patch: 'replace', c: '3' }, extra: { $patch: 'delete' } } })).toEqual({ spec: { selector: { c: '3' } } });
  });

  it('merges finalizers as a set', () => {
    expect(applyStrategicMergePatch({ metadata: { finalizers: ['a'] } }, { metadata: { finalizers: ['a', 'b'] } })).toEqual({ metadata: { finalizers: ['a', 'b'] } });
  });
});

describe('JSON patch and merge patch', () => {
  it('escapes pointers and inserts into arrays', () => {
    const document = { metadata: { annotations: { 'a/b': 'x' } }, list: [1, 3] };
    expect(
      applyJsonPatch(document, [
        { op: 'replace', path: '/metadata/annotations/a~1b', value: 'y' },
        { op: 'add', path: '/list/1', value: 2 },
        { op: 'add', path: '/list/-', value: 4 },
      ]),
    ).toEqual({ metadata: { annotations: { 'a/b': 'y' } }, list: [1, 2, 3, 4] });
    expect(document.list).toEqual([1, 3]);
  });

  it('rejects a path that does not exist', () => {
    expect(() => applyJsonPatch({}, [{ op: 'replace', path: '/nope', value: 1 }])).toThrow();
  });

  it('deletes with null and replaces arrays whole in a merge patch', () => {
    expect(applyMergePatch({ a: 1, b: [1, 2], c: { d: 1, e: 2 } }, { a: null, b: [3], c: { e: null } })).toEqual({ b: [3], c: { d: 1 } });
  });
});
