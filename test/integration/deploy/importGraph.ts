/**
 * The files a TypeScript entry point loads at run time, found by following its value imports
 * (relative and `@/` ones; type-only imports are erased and do not count), and the npm packages
 * those files import. This is what a runtime image must contain for the entry to start.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const extensions = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.tsx', '/index.js'];
const builtins = new Set(builtinModules);

function resolveLocal(root: string, fromFile: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/') ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(fromFile), specifier);
  for (const extension of extensions) {
    const candidate = base + extension;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Module specifiers of the value imports, re-exports, dynamic imports and requires in one file. */
export function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  // `import { type A, type B } from 'x'` is erased like `import type`; anything else loads 'x'.
  const onlyTypes = (clause: string | undefined) => {
    const names = /^\{([^}]*)\}$/.exec(clause?.trim() ?? '')?.[1].split(',').map((name) => name.trim()).filter(Boolean);
    return names !== undefined && names.length > 0 && names.every((name) => name.startsWith('type '));
  };
  for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:([^'";]*?)\s*from\s+)?['"]([^'"]+)['"]/gm)) {
    if (!onlyTypes(match[1])) specifiers.push(match[2]);
  }
  for (const match of source.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(match[1]);
  return specifiers;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export interface RuntimeGraph {
  /** Paths relative to the root, with forward slashes. */
  files: string[];
  packages: string[];
  unresolved: string[];
}

export function runtimeGraph(root: string, entries: string[]): RuntimeGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const unresolved: string[] = [];
  const queue = entries.map((entry) => path.join(root, entry));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (files.has(relative)) continue;
    files.add(relative);
    if (!/\.(m|c)?[jt]sx?$/.test(file)) continue;
    for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
      if (specifier.startsWith('.') || specifier.startsWith('@/')) {
        const target = resolveLocal(root, file, specifier);
        if (target) queue.push(target);
        else unresolved.push(`${relative}: ${specifier}`);
      } else {
        packages.add(packageName(specifier));
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort(), unresolved };
}
