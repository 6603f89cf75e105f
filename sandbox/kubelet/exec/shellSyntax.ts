/**
 * The small POSIX shell language the sandbox's `sh` understands: words with single and double
 * quotes, backslash escapes, $VAR / ${VAR} / $? expansion, `;` `&&` `||` `|`, newlines, comments,
 * redirections (`>`, `>>`, `<`, `2>`, `2>&1`) and leading VAR=value assignments.
 */

export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'variable'; name: string; quoted: boolean };

export type Word = WordPart[];

export interface Redirect {
  fd: 0 | 1 | 2;
  mode: 'write' | 'append' | 'read' | 'duplicate';
  target: Word;
  /** For `2>&1` / `>&2`: the descriptor written to. */
  toFd?: 1 | 2;
}

export interface SimpleCommand {
  assignments: Array<{ name: string; value: Word }>;
  words: Word[];
  redirects: Redirect[];
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface AndOrList {
  first: Pipeline;
  rest: Array<{ operator: '&&' | '||'; pipeline: Pipeline }>;
}

export type Script = AndOrList[];

export class ShellSyntaxError extends Error {}

type Token =
  | { type: 'word'; word: Word }
  | { type: 'operator'; value: ';' | '&&' | '||' | '|' | '&' | 'newline' }
  | { type: 'redirect'; redirect: Omit<Redirect, 'target'>; needsTarget: boolean };

const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;

function readVariable(input: string, index: number, quoted: boolean): { part: WordPart; next: number } | undefined {
  const next = input[index + 1];
  if (next === undefined) return undefined;
  if (next === '{') {
    const end = input.indexOf('}', index + 2);
    if (end < 0) throw new ShellSyntaxError('syntax error: bad substitution');
    const name = input.slice(index + 2, end);
    if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#])$/.test(name)) throw new ShellSyntaxError(`\${${name}}: bad substitution`);
    return { part: { kind: 'variable', name, quoted }, next: end + 1 };
  }
  if ('?$#0123456789'.includes(next)) return { part: { kind: 'variable', name: next, quoted }, next: index + 2 };
  if (!nameStart.test(next)) return undefined;
  let end = index + 1;
  while (end < input.length && nameChar.test(input[end])) end += 1;
  return { part: { kind: 'variable', name: input.slice(index + 1, end), quoted }, next: end };
}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let parts: Word = [];
  let inWord = false;
  const pushText = (text: string, quoted: boolean) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === 'text' && last.quoted === quoted) last.text += text;
    else parts.push({ kind: 'text', text, quoted });
    inWord = true;
  };
  const endWord = () => {
    if (inWord) tokens.push({ type: 'word', word: parts });
    parts = [];
    inWord = false;
  };

  while (index < input.length) {
    const character = input[index];
    if (character === ' ' || character === '\t') {
      endWord();
      index += 1;
      continue;
    }
    if (character === '\n') {
      endWord();
      tokens.push({ type: 'operator', value: 'newline' });
      index += 1;
      continue;
    }
    if (character === '#' && !inWord) {
      while (index < input.length && input[index] !== '\n') index += 1;
      continue;
    }
    if (character === "'") {
      const end = input.indexOf("'", index + 1);
      if (end < 0) throw new ShellSyntaxError('syntax error: unterminated quoted string');
      pushText(input.slice(index + 1, end), true);
      index = end + 1;
      continue;
    }
    if (character === '"') {
      index += 1;
      inWord = true;
      let closed = false;
      while (index < input.length) {
        const inner = input[index];
        if (inner === '"') {
          closed = true;
          index += 1;
          break;
        }
        if (inner === '\\' && index + 1 < input.length && '$"\\`\n'.includes(input[index + 1])) {
          if (input[index + 1] !== '\n') pushText(input[index + 1], true);
          index += 2;
          continue;
        }
        if (inner === '$') {
          const variable = readVariable(input, index, true);
          if (variable) {
            parts.push(variable.part);
            index = variable.next;
            continue;
          }
        }
        pushText(inner, true);
        index += 1;
      }
      if (!closed) throw new ShellSyntaxError('syntax error: unterminated quoted string');
      // An empty "" is still a word.
      if (parts.length === 0) pushText('', true);
      continue;
    }
    if (character === '\\') {
      if (index + 1 < input.length) {
        if (input[index + 1] !== '\n') pushText(input[index + 1], true);
        index += 2;
      } else index += 1;
      continue;
    }
    if (character === '$') {
      const variable = readVariable(input, index, false);
      if (variable) {
        parts.push(variable.part);
        inWord = true;
        index = variable.next;
        continue;
      }
      pushText('$', false);
      index += 1;
      continue;
    }
    // Redirections, optionally with a leading descriptor number (2>, 1>>, 2>&1).
    const redirectMatch = /^([012])?(>>|>&|>|<)/.exec(input.slice(index));
    const descriptorOnlyWord = parts.length === 1 && parts[0].kind === 'text' && !parts[0].quoted && /^[012]$/.test(parts[0].text);
    if (redirectMatch && (!inWord || (descriptorOnlyWord && redirectMatch[1] === undefined))) {
      const fdText = redirectMatch[1] ?? (descriptorOnlyWord && parts[0].kind === 'text' ? parts[0].text : undefined);
      if (descriptorOnlyWord) {
        parts = [];
        inWord = false;
      } else endWord();
      const operator = redirectMatch[2];
      index += redirectMatch[0].length;
      const fd = (fdText === undefined ? (operator === '<' ? 0 : 1) : Number(fdText)) as 0 | 1 | 2;
      if (operator === '>&') {
        const target = /^[12]/.exec(input.slice(index));
        if (!target) throw new ShellSyntaxError('syntax error: bad fd number');
        index += 1;
        tokens.push({ type: 'redirect', redirect: { fd, mode: 'duplicate', toFd: Number(target[0]) as 1 | 2 }, needsTarget: false });
      } else {
        tokens.push({ type: 'redirect', redirect: { fd, mode: operator === '>>' ? 'append' : operator === '<' ? 'read' : 'write' }, needsTarget: true });
      }
      continue;
    }
    const two = input.slice(index, index + 2);
    if (two === '&&' || two === '||') {
      endWord();
      tokens.push({ type: 'operator', value: two });
      index += 2;
      continue;
    }
    if (character === ';' || character === '|' || character === '&') {
      endWord();
      tokens.push({ type: 'operator', value: character });
      index += 1;
      continue;
    }
    if (character === '(' || character === ')' || character === '`') {
      throw new ShellSyntaxError(`syntax error: "${character}" is not supported by the sandbox shell`);
    }
    pushText(character, false);
    index += 1;
  }
  endWord();
  return tokens;
}

function describe(token: Token | undefined): string {
  if (!token) return 'end of file';
  if (token.type === 'operator') return token.value === 'newline' ? 'newline' : token.value;
  if (token.type === 'redirect') return 'redirection';
  return 'word';
}

function plainText(word: Word): string | undefined {
  if (word.length !== 1 || word[0].kind !== 'text' || word[0].quoted) return undefined;
  return word[0].text;
}

export function parseScript(input: string): Script {
  const tokens = tokenize(input);
  let position = 0;
  const peek = () => tokens[position];

  const parseCommand = (): SimpleCommand => {
    const command: SimpleCommand = { assignments: [], words: [], redirects: [] };
    for (;;) {
      const token = peek();
      if (!token || token.type === 'operator') break;
      position += 1;
      if (token.type === 'redirect') {
        if (!token.needsTarget) {
          command.redirects.push({ ...token.redirect, target: [] });
          continue;
        }
        const target = peek();
        if (!target || target.type !== 'word') throw new ShellSyntaxError(`syntax error: unexpected ${describe(target)}`);
        position += 1;
        command.redirects.push({ ...token.redirect, target: target.word });
        continue;
      }
      const text = token.word[0]?.kind === 'text' && !token.word[0].quoted ? token.word[0].text : undefined;
      const assignment = text ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(text) : null;
      if (assignment && command.words.length === 0) {
        const first = token.word[0];
        const value: Word = [{ kind: 'text', text: first.kind === 'text' ? first.text.slice(assignment[0].length) : '', quoted: false }, ...token.word.slice(1)];
        command.assignments.push({ name: assignment[1], value });
        continue;
      }
      command.words.push(token.word);
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0) {
      throw new ShellSyntaxError(`syntax error: unexpected ${describe(peek())}`);
    }
    return command;
  };

  const parsePipeline = (): Pipeline => {
    const commands = [parseCommand()];
    while (peek()?.type === 'operator' && (peek() as { value: string }).value === '|') {
      position += 1;
      while (peek()?.type === 'operator' && (peek() as { value: string }).value === 'newline') position += 1;
      commands.push(parseCommand());
    }
    return { commands };
  };

  const script: Script = [];
  for (;;) {
    while (peek()?.type === 'operator' && ['newline', ';'].includes((peek() as { value: string }).value)) {
      if ((peek() as { value: string }).value === ';' && script.length === 0 && position === 0) throw new ShellSyntaxError('syntax error: unexpected ";"');
      position += 1;
    }
    if (!peek()) break;
    const list: AndOrList = { first: parsePipeline(), rest: [] };
    for (;;) {
      const token = peek();
      if (token?.type !== 'operator' || (token.value !== '&&' && token.value !== '||')) break;
      position += 1;
      while (peek()?.type === 'operator' && (peek() as { value: string }).value === 'newline') position += 1;
      list.rest.push({ operator: token.value, pipeline: parsePipeline() });
    }
    script.push(list);
    const separator = peek();
    if (!separator) break;
    if (separator.type === 'operator' && separator.value === '&') throw new ShellSyntaxError('background jobs (&) are not supported by the sandbox shell');
    if (separator.type !== 'operator' || (separator.value !== ';' && separator.value !== 'newline')) throw new ShellSyntaxError(`syntax error: unexpected ${describe(separator)}`);
  }
  return script;
}

/** Whether a word is a plain unquoted literal (for keywords such as `exit`). */
export function literalOf(word: Word): string | undefined {
  return plainText(word);
}
