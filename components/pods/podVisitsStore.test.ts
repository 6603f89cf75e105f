import { describe, expect, it } from 'vitest';
import { cardVisitsText, PodVisitsStore, type CardVisits } from './podVisitsStore';

/** Stands in for a card's element: the store only reads and writes its text. */
function textElement(): HTMLElement & { writes: number } {
  let text = '';
  const element = {
    writes: 0,
    get textContent() {
      return text;
    },
    set textContent(value: string) {
      element.writes += 1;
      text = value;
    },
  };
  return element as unknown as HTMLElement & { writes: number };
}

const sample = (entries: [string, CardVisits][]) => new Map(entries);

describe('PodVisitsStore', () => {
  it('writes the current visits into an element when it is shown, and a dash before any sample', () => {
    const store = new PodVisitsStore();
    const before = textElement();
    store.show('web-0', before);
    expect(before.textContent).toBe('—');
    store.update(sample([['web-0', { count: 12, share: 1 / 3 }]]));
    const after = textElement();
    store.show('web-0', after);
    expect(after.textContent).toBe('12 (33.3%)');
    expect(before.textContent).toBe('12 (33.3%)');
  });

  it('rewrites only the pods whose visits changed', () => {
    const store = new PodVisitsStore();
    const web0 = textElement();
    const web1 = textElement();
    store.show('web-0', web0);
    store.show('web-1', web1);
    store.update(sample([['web-0', { count: 1, share: 0.5 }], ['web-1', { count: 1, share: 0.5 }]]));
    const writes = [web0.writes, web1.writes];
    store.update(sample([['web-0', { count: 1, share: 0.5 }], ['web-1', { count: 3, share: 0.75 }]]));
    expect(web0.writes).toBe(writes[0]);
    expect(web1.writes).toBe(writes[1] + 1);
    expect(web1.textContent).toBe('3 (75.0%)');
  });

  it('shows the read error, and stops writing into an element once it is let go', () => {
    const store = new PodVisitsStore();
    const element = textElement();
    const release = store.show('web-0', element);
    store.update(sample([['web-0', { count: null, share: null, error: 'container is not running' }]]));
    expect(element.textContent).toBe('container is not running');
    release();
    store.update(sample([['web-0', { count: 5, share: 1 }]]));
    expect(element.textContent).toBe('container is not running');
  });

  it('formats a count without a share (nothing read yet to share among)', () => {
    expect(cardVisitsText({ count: 0, share: null })).toBe('0');
    expect(cardVisitsText(undefined)).toBe('—');
  });
});
