import { describe, expect, it } from 'vitest';
import { claimName, inOrdinalRange, parseOrdinal, podName } from './naming';
import { webSet } from './testHarness';

describe('StatefulSet naming', () => {
  it('names pods and claims by ordinal', () => {
    expect(podName('web', 2)).toBe('web-2');
    expect(claimName('visits-data', 'python-python-app', 0)).toBe('visits-data-python-python-app-0');
  });

  it('parses the ordinal from the last dash, so dashed set names work', () => {
    expect(parseOrdinal('python-python-app-12')).toEqual({ parent: 'python-python-app', ordinal: 12 });
    expect(parseOrdinal('web')).toBeUndefined();
    expect(parseOrdinal('web-x')).toBeUndefined();
  });

  it('honours spec.ordinals.start', () => {
    const set = webSet({ replicas: 2, ordinals: { start: 5 } });
    expect([4, 5, 6, 7].map((ordinal) => inOrdinalRange(set, ordinal))).toEqual([false, true, true, false]);
  });
});
