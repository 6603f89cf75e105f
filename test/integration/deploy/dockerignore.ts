/**
 * Decides whether a path of the build context is excluded by .dockerignore, with Docker's rules:
 * patterns are anchored at the context root, `*` and `?` stay inside one path segment, `**` spans
 * any number of them, a matched directory excludes everything below it, `!` re-includes, last match wins.
 */
function toRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i += 1;
      if (pattern[i + 1] === '/') i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(/.*)?$`);
}

export function dockerignoreMatcher(text: string): (relativePath: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      return { negated, regexp: toRegExp(pattern) };
    });
  return (relativePath) => {
    let excluded = false;
    for (const rule of rules) if (rule.regexp.test(relativePath)) excluded = !rule.negated;
    return excluded;
  };
}
