import { describe, expect, it } from 'vitest';
import { lineDiff } from './lineDiff';

describe('lineDiff', () => {
  it('marks the changed image line as removed then added, the rest as unchanged', () => {
    const diff = lineDiff('containers:\n- image: app:1.0\n  name: app', 'containers:\n- image: app:2.0\n  name: app');
    expect(diff).toEqual([
      { kind: 'same', text: 'containers:' },
      { kind: 'removed', text: '- image: app:1.0' },
      { kind: 'added', text: '- image: app:2.0' },
      { kind: 'same', text: '  name: app' },
    ]);
  });

  it('finds no change between equal texts', () => {
    expect(lineDiff('a\nb', 'a\nb').every((line) => line.kind === 'same')).toBe(true);
  });

  it('handles lines added at the end', () => {
    expect(lineDiff('a', 'a\nb')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'added', text: 'b' },
    ]);
  });
});
