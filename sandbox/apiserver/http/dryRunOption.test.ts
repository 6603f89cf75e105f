import { describe, expect, it } from 'vitest';
import { ApiError } from '../apiError';
import { dryRunOption } from './dryRunOption';

describe('the dryRun option', () => {
  it('is off without a value and on for All', () => {
    expect(dryRunOption(new URL('https://sandbox/api/v1/namespaces/default/configmaps'), 'CreateOptions')).toBe(false);
    expect(dryRunOption(new URL('https://sandbox/x?dryRun=All'), 'CreateOptions')).toBe(true);
    expect(dryRunOption(new URL('https://sandbox/x'), 'DeleteOptions', { dryRun: ['All'] })).toBe(true);
  });

  it('refuses any other value with 422 as options validation does', () => {
    let caught: unknown;
    try {
      dryRunOption(new URL('https://sandbox/x?dryRun=Bogus'), 'CreateOptions');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe(422);
    expect((caught as ApiError).message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Bogus"}: supported values: "All"');
    expect(() => dryRunOption(new URL('https://sandbox/x'), 'DeleteOptions', { dryRun: ['All', 'Nope'] })).toThrow(/Unsupported value/);
  });
});
