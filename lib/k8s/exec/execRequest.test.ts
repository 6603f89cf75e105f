import { describe, expect, it } from 'vitest';
import { parseExecRequest } from './execBridge';
import { parseClientMessage } from './execProtocol';
import { parseVisitsOutput } from '../../visits/readVisits';

describe('exec requests from the browser', () => {
  it('reads argv, container and tty from the URL, defaulting to an interactive sh', () => {
    expect(parseExecRequest('/api/contexts/sandbox/namespaces/default/pods/web-0/exec?container=app&command=cat&command=data%2Fvisits.txt&tty=false')).toEqual({
      context: 'sandbox',
      namespace: 'default',
      pod: 'web-0',
      container: 'app',
      command: ['cat', 'data/visits.txt'],
      tty: false,
    });
    expect(parseExecRequest('/api/contexts/kind-dev/namespaces/apps/pods/db-1/exec')).toMatchObject({ command: ['sh'], tty: true, container: '' });
    expect(parseExecRequest('/api/contexts/sandbox/namespaces/default/pods/web-0/logs')).toBeUndefined();
  });

  it('refuses bad names and oversized commands', () => {
    expect(() => parseExecRequest('/api/contexts/sandbox/namespaces/Default/pods/web-0/exec')).toThrow(/namespace/);
    expect(() => parseExecRequest('/api/contexts/sandbox/namespaces/default/pods/web%2F0/exec')).toThrow(/pod/);
    expect(() => parseExecRequest(`/api/contexts/sandbox/namespaces/default/pods/web-0/exec?${'command=x&'.repeat(40)}`)).toThrow(/at most 32/);
  });

  it('accepts only stdin and resize messages, clamping sizes', () => {
    expect(parseClientMessage('{"type":"stdin","data":"ls\\r"}')).toEqual({ type: 'stdin', data: 'ls\r' });
    expect(parseClientMessage('{"type":"resize","cols":100000,"rows":0}')).toEqual({ type: 'resize', cols: 1000, rows: 1 });
    expect(parseClientMessage('{"type":"shell","data":"rm -rf /"}')).toBeUndefined();
    expect(parseClientMessage('not json')).toBeUndefined();
  });

  it('reads a visits counter only when the file holds a whole number', () => {
    expect(parseVisitsOutput('42\n')).toBe(42);
    expect(parseVisitsOutput('4 2')).toBeUndefined();
    expect(parseVisitsOutput('-1')).toBeUndefined();
    expect(parseVisitsOutput('99999999999999999999')).toBeUndefined();
  });
});
