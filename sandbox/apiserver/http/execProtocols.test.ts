import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, negotiateExecProtocol } from './execProtocols';

const names = (offered: string[]) => negotiateExecProtocol(offered)?.name;

describe('exec subprotocol negotiation', () => {
  it('takes v5 whenever it is offered, as the API server stream translator does', () => {
    expect(names(['v4.base64.channel.k8s.io', 'v5.channel.k8s.io'])).toBe('v5.channel.k8s.io');
    expect(names(['v5.channel.k8s.io', 'v4.channel.k8s.io'])).toBe('v5.channel.k8s.io');
  });

  it("otherwise follows the client's order among the kubelet's protocols", () => {
    expect(names(['v4.base64.channel.k8s.io', 'v4.channel.k8s.io'])).toBe('v4.base64.channel.k8s.io');
    expect(names(['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'])).toBe('v4.channel.k8s.io');
    expect(names(['x.example', 'base64.channel.k8s.io', 'channel.k8s.io'])).toBe('base64.channel.k8s.io');
    expect(names(['channel.k8s.io', 'base64.channel.k8s.io'])).toBe('channel.k8s.io');
  });

  it('speaks binary channel.k8s.io to a client that offers none, and refuses unknown ones', () => {
    expect(negotiateExecProtocol([])).toMatchObject({ name: '', base64: false, structuredStatus: false });
    expect(negotiateExecProtocol(['chat', 'v6.channel.k8s.io'])).toBeUndefined();
  });

  it('describes what each protocol sends', () => {
    expect(negotiateExecProtocol(['v4.base64.channel.k8s.io'])).toEqual({ name: 'v4.base64.channel.k8s.io', base64: true, structuredStatus: true, streamClose: false });
    expect(negotiateExecProtocol(['base64.channel.k8s.io'])).toEqual({ name: 'base64.channel.k8s.io', base64: true, structuredStatus: false, streamClose: false });
    expect(negotiateExecProtocol(['v5.channel.k8s.io'])).toMatchObject({ base64: false, structuredStatus: true, streamClose: true });
  });
});

describe('exec frames', () => {
  const base64 = negotiateExecProtocol(['base64.channel.k8s.io'])!;
  const binary = negotiateExecProtocol(['v4.channel.k8s.io'])!;

  it('encodes base64 frames as text: a channel digit, then standard base64 (the wsstream example)', () => {
    expect(encodeFrame(base64, 1, Buffer.from('\n'))).toEqual({ payload: '1Cg==', binary: false });
    expect(encodeFrame(base64, 3, Buffer.alloc(0))).toEqual({ payload: '3', binary: false });
    expect(encodeFrame(binary, 2, Buffer.from('ab'))).toEqual({ payload: Buffer.from([2, 97, 98]), binary: true });
  });

  it('decodes base64 frames from the client and drops malformed ones', () => {
    expect(decodeFrame(base64, Buffer.from('0Zm9vCg=='))).toEqual({ channel: 0, data: Buffer.from('foo\n') });
    expect(decodeFrame(base64, Buffer.from('4eyJXaWR0aCI6MTAwfQ=='))?.data.toString()).toBe('{"Width":100}');
    expect(decodeFrame(base64, Buffer.from('0not base64!'))).toBeUndefined();
    expect(decodeFrame(base64, Buffer.from('0Zm8='))).toEqual({ channel: 0, data: Buffer.from('fo') });
    expect(decodeFrame(base64, Buffer.from('0Zm9vC'))).toBeUndefined();
    expect(decodeFrame(base64, Buffer.from([0x20, 0x41]))).toBeUndefined();
    expect(decodeFrame(base64, Buffer.alloc(0))).toBeUndefined();
    expect(decodeFrame(binary, Buffer.from([0, 104, 105]))).toEqual({ channel: 0, data: Buffer.from('hi') });
  });
});
