import type { FieldError } from '../strategy';
import { forbidden, invalid, notSupported, required } from './fieldErrors';
import { isRecord, recordsAt, stringMapAt } from './json';
import { validateLabels } from './objectMeta';

/** metav1.LabelSelector semantics: matchLabels AND every matchExpression. */

const operators = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function selectorMatches(selector: unknown, labels: Record<string, string> | undefined): boolean {
  if (!isRecord(selector)) return false;
  const actual = labels ?? {};
  const matchLabels = stringMapAt(selector, 'matchLabels') ?? {};
  for (const [key, value] of Object.entries(matchLabels)) if (actual[key] !== value) return false;
  for (const expression of recordsAt(selector, 'matchExpressions')) {
    const key = String(expression.key ?? '');
    const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(actual, key);
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(actual[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(actual[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(selector: unknown): boolean {
  if (!isRecord(selector)) return true;
  return Object.keys(stringMapAt(selector, 'matchLabels') ?? {}).length + recordsAt(selector, 'matchExpressions').length === 0;
}

/** ValidateLabelSelector. */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  if (!isRecord(selector)) return [];
  const errors: FieldError[] = [];
  recordsAt(selector, 'matchExpressions').forEach((expression, index) => {
    const expressionPath = `${path}.matchExpressions[${index}]`;
    const operator = String(expression.operator ?? '');
    const values = Array.isArray(expression.values) ? expression.values : [];
    if (!operators.includes(operator)) errors.push(notSupported(`${expressionPath}.operator`, operator, operators));
    else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      errors.push(required(`${expressionPath}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      errors.push(forbidden(`${expressionPath}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    }
    if (!expression.key) errors.push(invalid(`${expressionPath}.key`, '', 'name part must be non-empty'));
  });
  errors.push(...validateLabels(selector.matchLabels, `${path}.matchLabels`));
  return errors;
}
