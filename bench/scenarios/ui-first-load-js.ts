/**
 * First-load JavaScript of the StatefulSet page, gzip-compressed, from the last `next build` output:
 * the chunks Next lists for the route in .next/diagnostics/route-bundle-stats.json, each gzipped at
 * level 9 as a server would send it. Chart.js and xterm are loaded later (next/dynamic) and not counted.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(__dirname, '..', '..');
const ROUTE = '/c/[context]/ns/[namespace]/sts/[name]';
const TARGET_KB = 200;

interface RouteStats {
  route: string;
  firstLoadUncompressedJsBytes: number;
  firstLoadChunkPaths: string[];
}

export function firstLoadJs(route: string): { gzipBytes: number; rawBytes: number; chunks: number } {
  const statsFile = path.join(root, '.next', 'diagnostics', 'route-bundle-stats.json');
  if (!existsSync(statsFile)) throw new Error(`No build output at ${statsFile}: run \`npx next build\` first.`);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as RouteStats[];
  const entry = stats.find((candidate) => candidate.route === route);
  if (!entry) throw new Error(`The build output has no route ${route}.`);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const chunk of entry.firstLoadChunkPaths) {
    const content = readFileSync(path.join(root, chunk));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { gzipBytes, rawBytes, chunks: entry.firstLoadChunkPaths.length };
}

export const scenario = {
  name: 'ui-first-load-js',
  run: async (_options: { quick: boolean }) => {
    const { gzipBytes, rawBytes, chunks } = firstLoadJs(ROUTE);
    const gzipKb = Math.round((gzipBytes / 1024) * 10) / 10;
    return [
      { metric: 'StatefulSet page first-load JS (gzip)', value: gzipKb, unit: 'KB', target: `<= ${TARGET_KB} KB`, pass: gzipKb <= TARGET_KB },
      { metric: 'StatefulSet page first-load JS (uncompressed)', value: Math.round(rawBytes / 1024), unit: 'KB' },
      { metric: 'StatefulSet page first-load chunks', value: chunks, unit: 'files' },
    ];
  },
};
