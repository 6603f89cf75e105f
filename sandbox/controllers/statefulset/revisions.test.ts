import { describe, expect, it } from 'vitest';
import { goJson, newRevision, revisionHash, safeEncode, templateOf } from './revisions';
import { webSet } from './testHarness';

describe('ControllerRevisions', () => {
  it('stores the template as a replace patch, keys sorted like Go', () => {
    const set = webSet();
    set.metadata.uid = 'uid-1';
    const revision = newRevision(set, 1, 0);
    expect(goJson(revision.data)).toMatch(/^\{"spec":\{"template":\{"\$patch":"replace","metadata":/);
    expect(templateOf(revision)).toEqual(set.spec.template);
    expect(revision.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(revision.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', uid: 'uid-1', controller: true });
  });

  it('hashes equal templates equally and changes with the template or the collision count', () => {
    const a = webSet();
    const b = webSet();
    b.spec.template.spec.containers[0].image = 'visits-app:2.0';
    const data = (set: typeof a) => newRevision(set, 1, 0).data;
    expect(revisionHash(data(a), 0)).toBe(revisionHash(data(webSet()), 0));
    expect(revisionHash(data(a), 0)).not.toBe(revisionHash(data(b), 0));
    expect(revisionHash(data(a), 0)).not.toBe(revisionHash(data(a), 1));
  });

  it('encodes digits with the safe alphabet', () => {
    expect(safeEncode('0123456789')).toBe('456789bcdf');
  });

  it('escapes HTML characters as Go does', () => {
    expect(goJson({ b: '<&>', a: 1 })).toBe('{"a":1,"b":"\\u003c\\u0026\\u003e"}');
  });
});
