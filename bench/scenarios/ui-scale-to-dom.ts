/**
 * Time from a scale (the scale-subresource patch `kubectl scale` sends) to the new pod's card in the
 * StatefulSet page's DOM, in real Chromium against the real product on a fresh sandbox. Measured at
 * 3, 100 and 1,000 pods (quick: 3 and 100). Both clocks are the same machine's wall clock.
 * Two figures per size: the card of the new ordinal appearing (the page learnt the new replica count)
 * and the card showing the created pod (the controller made it and the watch brought it).
 */
import { createAndWaitReady, openStatefulSetPage, percentile, scaleTo, startUiProduct, type UiProduct } from '../support/uiProduct';

const TARGET_P95_MS_AT_100 = 150;

async function measure(product: UiProduct, name: string, pods: number, iterations: number) {
  await createAndWaitReady(product, name, pods, 600_000);
  await openStatefulSetPage(product, name, pods);
  const toCard: number[] = [];
  const toPod: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const ordinal = pods + i;
    const card = `pod-card-${name}-${ordinal}`;
    // Browser-side code as a string: tsx would wrap named functions in a helper the page does not have.
    const seen = product.page.evaluate<{ card: number; pod: number }>(`new Promise((resolve) => {
      let cardAt = 0;
      const observer = new MutationObserver(() => check());
      const check = () => {
        const element = document.querySelector('[data-testid="${card}"]');
        if (element && !cardAt) cardAt = Date.now();
        if (element && element.getAttribute('data-status') !== 'NotCreated') {
          observer.disconnect();
          resolve({ card: cardAt, pod: Date.now() });
        }
      };
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      check();
    })`);
    const start = Date.now();
    await scaleTo(product, name, ordinal + 1);
    const at = await seen;
    toCard.push(at.card - start);
    toPod.push(at.pod - start);
  }
  await product.apps.deleteNamespacedStatefulSet({ name, namespace: 'default' });
  return { toCard, toPod };
}

export const scenario = {
  name: 'ui-scale-to-dom',
  run: async (options: { quick: boolean }) => {
    const sizes = options.quick ? [3, 100] : [3, 100, 1000];
    const iterations = options.quick ? 5 : 20;
    const product = await startUiProduct();
    const results: Array<{ metric: string; value: number; unit: string; target?: string; pass?: boolean }> = [];
    try {
      for (const size of sizes) {
        const { toCard, toPod } = await measure(product, `bench-scale-${size}`, size, iterations);
        const p95 = percentile(toPod, 95);
        results.push(
          { metric: `scale -> new pod card in the DOM, p50 at ${size} pods`, value: percentile(toPod, 50), unit: 'ms' },
          size === 100
            ? { metric: `scale -> new pod card in the DOM, p95 at ${size} pods`, value: p95, unit: 'ms', target: `<= ${TARGET_P95_MS_AT_100} ms`, pass: p95 <= TARGET_P95_MS_AT_100 }
            : { metric: `scale -> new pod card in the DOM, p95 at ${size} pods`, value: p95, unit: 'ms' },
          { metric: `scale -> card for the new ordinal (not created yet), p95 at ${size} pods`, value: percentile(toCard, 95), unit: 'ms' },
        );
      }
    } finally {
      await product.stop();
    }
    return results;
  },
};
