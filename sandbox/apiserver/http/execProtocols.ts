/**
 * The WebSocket subprotocols of pods/exec and how one is chosen, as a real cluster does it
 * (kube-apiserver 1.30+ with its kubelet behind it):
 *
 * - A client that offers `v5.channel.k8s.io` anywhere in its list gets v5: the API server's stream
 *   translator takes such requests and speaks v5 only, whatever else the client offered first.
 * - Any other request goes to the kubelet's wsstream server, which picks the first protocol in the
 *   client's own order that it speaks: `v4.base64.channel.k8s.io`, `v4.channel.k8s.io`,
 *   `base64.channel.k8s.io`, `channel.k8s.io`, or none at all (no header = binary channel.k8s.io).
 * - The sandbox also takes `v3.channel.k8s.io` and `v2.channel.k8s.io` (binary, status text on
 *   channel 3), which client-node offers; a real kubelet speaks those over SPDY only.
 *
 * Binary protocols prefix every message with the channel byte. The base64 ones send text messages:
 * the channel as an ASCII digit ('0' + channel) followed by the data in standard base64, both ways.
 */
export interface ExecProtocol {
  /** The negotiated name, '' when the client offered none. */
  name: string;
  base64: boolean;
  /** v4 and v5 send a Status JSON on channel 3 (Success too); older ones only a failure's text. */
  structuredStatus: boolean;
  /** v5: the client closes a stream by a message on channel 255. */
  streamClose: boolean;
}

const v5 = 'v5.channel.k8s.io';
const kubeletProtocols = ['v4.base64.channel.k8s.io', 'v4.channel.k8s.io', 'base64.channel.k8s.io', 'channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io'];

export const supportedExecProtocols: readonly string[] = [v5, ...kubeletProtocols];

function describe(name: string): ExecProtocol {
  return {
    name,
    base64: name.includes('base64.'),
    structuredStatus: name.startsWith('v4.') || name === v5,
    streamClose: name === v5,
  };
}

/** The protocol the server speaks for these offers (in the client's order), or undefined if none fits. */
export function negotiateExecProtocol(offered: string[]): ExecProtocol | undefined {
  if (offered.length === 0) return describe('');
  if (offered.includes(v5)) return describe(v5);
  const chosen = offered.find((protocol) => kubeletProtocols.includes(protocol));
  return chosen === undefined ? undefined : describe(chosen);
}

/** One message on the wire for `data` on `channel`: binary with a channel byte, or base64 text. */
export function encodeFrame(protocol: ExecProtocol, channel: number, data: Uint8Array): { payload: Buffer | string; binary: boolean } {
  if (protocol.base64) return { payload: String.fromCharCode(48 + channel) + Buffer.from(data).toString('base64'), binary: false };
  const frame = Buffer.allocUnsafe(data.length + 1);
  frame[0] = channel;
  frame.set(data, 1);
  return { payload: frame, binary: true };
}

/**
 * A message from the client as channel and data; undefined for an empty message, a channel digit out
 * of range, or data that is not valid base64 (wsstream drops such frames and goes on).
 */
export function decodeFrame(protocol: ExecProtocol, message: Buffer): { channel: number; data: Buffer } | undefined {
  if (message.length === 0) return undefined;
  if (!protocol.base64) return { channel: message[0], data: message.subarray(1) };
  const channel = message[0] - 48;
  if (channel < 0 || channel > 9) return undefined;
  const text = message.subarray(1).toString('latin1');
  if (!isStandardBase64(text)) return undefined;
  return { channel, data: Buffer.from(text, 'base64') };
}

/** Go's base64.StdEncoding accepts padded standard base64 only; Node's decoder would accept anything. */
function isStandardBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}
