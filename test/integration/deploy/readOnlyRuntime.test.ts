/**
 * The image's runtime as `docker run --read-only --tmpfs /tmp --user 1000 -e DASHBOARD_TOKEN=...` runs
 * it (imageRuntime.ts): with no kubeconfig it starts the embedded sandbox, serves pages and API calls,
 * and never meets a read-only file system.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/sandbox';
import { imageRuntimeMissing, runImage, type ImageRun } from './imageRuntime';

if (imageRuntimeMissing) console.warn(`[deploy tests] skipping the read-only runtime check: ${imageRuntimeMissing}`);

describe.skipIf(imageRuntimeMissing)('the image\'s runtime on a read-only root file system', () => {
  let image: ImageRun | undefined;
  afterAll(async () => {
    await image?.stop();
  });

  it('starts as uid 1000 with only /tmp writable, serves the app and the API, and never meets EROFS', async () => {
    const token = 'read-only-runtime-check-0123456789abcdef';
    // The embedded sandbox on any free port instead of 6443, fast.
    image = await runImage({ port: await freePort(), env: { DASHBOARD_TOKEN: token, SANDBOX_PORT: '0', SANDBOX_SPEED: '0.05' } });
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${image.url}/api/health`, { headers })).status).toBe(200);
    const contexts = await fetch(`${image.url}/api/contexts`, { headers });
    const body = await contexts.text();
    expect(contexts.status, body).toBe(200);
    expect(body).toContain('sandbox');
    // Load the start page twice, so that whatever Next caches at run time gets written.
    for (let i = 0; i < 2; i += 1) expect((await fetch(`${image.url}/`, { headers })).status).toBeLessThan(500);
    expect(image.output()).toMatch(/cluster: sandbox/);
    expect(image.output()).not.toMatch(/EROFS|read-only file system/i);
  }, 300_000);
});
