/** A pod's visits as its card shows them. */
export interface CardVisits {
  count: number | null;
  share: number | null;
  error?: string;
}

function sameVisits(a: CardVisits | undefined, b: CardVisits | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.count === b.count && a.share === b.share && a.error === b.error);
}

/** "12 (33.3%)", the read error, or a dash before the first sample. */
export function cardVisitsText(visits: CardVisits | undefined): string {
  if (!visits || visits.count === null) return visits?.error ?? '—';
  return `${visits.count}${visits.share === null ? '' : ` (${(visits.share * 100).toFixed(1)}%)`}`;
}

/**
 * The visits text of every pod card, written straight into the cards' elements, like the age clock
 * writes ages. A sample changes the numbers of all pods at once: as card props it rendered every
 * card again (about 100 ms of script on a 1,000-pod page), and even as one small component per card
 * React spent 20 to 50 ms on it. Here a sample costs one text write per pod whose numbers moved, and
 * the browser lays out only the cards on screen (the others skip layout, see PodCard).
 */
export class PodVisitsStore {
  private byPod = new Map<string, CardVisits>();
  private readonly elements = new Map<string, Set<HTMLElement>>();

  /** Replaces every pod's visits and rewrites the text of the cards whose visits changed. */
  update(next: Map<string, CardVisits>): void {
    const previous = this.byPod;
    this.byPod = next;
    for (const [pod, elements] of this.elements) {
      const visits = next.get(pod);
      if (sameVisits(previous.get(pod), visits)) continue;
      const text = cardVisitsText(visits);
      for (const element of elements) if (element.textContent !== text) element.textContent = text;
    }
  }

  /** Keeps `element`'s text at `pod`'s visits until the returned function is called. */
  show(pod: string, element: HTMLElement): () => void {
    let elements = this.elements.get(pod);
    if (!elements) this.elements.set(pod, (elements = new Set()));
    elements.add(element);
    element.textContent = cardVisitsText(this.byPod.get(pod));
    return () => {
      elements.delete(element);
      if (elements.size === 0) this.elements.delete(pod);
    };
  }
}
