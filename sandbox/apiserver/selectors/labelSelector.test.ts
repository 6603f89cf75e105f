import { describe, expect, it } from 'vitest';
import { formatLabelSelector, matchesLabels, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', 'example.com/role': 'x' };
  const matches = (text: string) => matchesLabels(parseLabelSelector(text), labels);

  it('understands equality and set-based requirements', () => {
    expect(matches('app=web')).toBe(true);
    expect(matches('app==web,tier!=back')).toBe(true);
    expect(matches('tier in (front, back)')).toBe(true);
    expect(matches('tier notin (front)')).toBe(false);
    expect(matches('example.com/role')).toBe(true);
    expect(matches('!missing,app in (web)')).toBe(true);
    expect(matches('!app')).toBe(false);
    expect(matches('')).toBe(true);
  });

  it('refuses what it cannot parse', () => {
    expect(() => parseLabelSelector('app in web')).toThrow();
    expect(() => parseLabelSelector('-bad=1')).toThrow();
  });

  it('formats a LabelSelector object as Scale.status.selector', () => {
    expect(formatLabelSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }] })).toBe('a=1,b=2,c in (x,y)');
  });
});
