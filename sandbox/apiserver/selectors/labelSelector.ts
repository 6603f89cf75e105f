import { badRequest } from '../apiError';

/**
 * Label selectors as the API takes them in `?labelSelector=`: equality (`a=b`, `a==b`, `a!=b`) and
 * set-based (`a in (x,y)`, `a notin (x)`, `a`, `!a`) requirements joined by commas, all of which must
 * hold. Also turns a metav1.LabelSelector object into that string form (Scale's status.selector).
 */
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

export type LabelSelector = Requirement[];

const keyPattern = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

/** Splits at commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms.map((term) => term.trim()).filter((term) => term.length > 0);
}

function checkKey(key: string, selector: string): string {
  if (!keyPattern.test(key)) throw badRequest(`unable to parse requirement: invalid label key "${key}": in selector "${selector}"`);
  return key;
}

export function parseLabelSelector(text: string | null | undefined): LabelSelector {
  if (!text) return [];
  const requirements: Requirement[] = [];
  for (const term of splitTerms(text)) {
    let match: RegExpMatchArray | null;
    if ((match = term.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      const values = match[3].split(',').map((value) => value.trim()).filter((value) => value.length > 0);
      requirements.push({ key: checkKey(match[1], text), op: match[2] as 'in' | 'notin', values });
    } else if ((match = term.match(/^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/))) {
      requirements.push({ key: checkKey(match[1], text), op: match[2] === '!=' ? 'notin' : 'in', values: [match[3]] });
    } else if ((match = term.match(/^!\s*(\S+)$/))) {
      requirements.push({ key: checkKey(match[1], text), op: 'doesnotexist' });
    } else if ((match = term.match(/^(\S+)$/))) {
      requirements.push({ key: checkKey(match[1], text), op: 'exists' });
    } else {
      throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return requirements;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const requirement of selector) {
    const value = labels?.[requirement.key];
    switch (requirement.op) {
      case 'in':
        if (value === undefined || !requirement.values.includes(value)) return false;
        break;
      case 'notin':
        if (value !== undefined && requirement.values.includes(value)) return false;
        break;
      case 'exists':
        if (value === undefined) return false;
        break;
      case 'doesnotexist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** metav1.FormatLabelSelector: "app=web,tier in (a,b)". */
export function formatLabelSelector(selector: LabelSelectorObject | undefined): string {
  if (!selector) return '';
  const terms: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => a.localeCompare(b))) terms.push(`${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort();
    switch (expression.operator) {
      case 'In':
        terms.push(`${expression.key} in (${values.join(',')})`);
        break;
      case 'NotIn':
        terms.push(`${expression.key} notin (${values.join(',')})`);
        break;
      case 'Exists':
        terms.push(expression.key);
        break;
      case 'DoesNotExist':
        terms.push(`!${expression.key}`);
        break;
    }
  }
  return terms.join(',');
}
