import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureShape, verifySignature } from './events';

// The vendor's signature encoding is undocumented (contract §9): every plausible shape of a valid signature is
// accepted, and nothing else.
const body = new TextEncoder().encode('{"id":"e1","eventData":{"processId":"p1"}}');
const mac = (secret: string) => createHmac('sha256', secret).update(body).digest();
const hex = (secret = 'current') => mac(secret).toString('hex');
const b64 = (secret = 'current') => mac(secret).toString('base64');

describe('webhook signatures', () => {
  it.each([
    ['lowercase hex', hex()],
    ['uppercase hex', hex().toUpperCase()],
    ['base64', b64()],
    ['base64url without padding', mac('current').toString('base64url')],
    ['sha256= prefix with hex', `sha256=${hex()}`],
    ['sha256= prefix with base64', `sha256=${b64()}`],
    ['a list during rotation, the valid one last', `sha256=${hex('old-and-gone')}, sha256=${hex()}`],
    ['a list of mixed encodings', `${b64('nope')},${hex()}`],
  ])('accepts %s', (_name, header) => {
    expect(verifySignature(body, header, ['current'])).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another secret', hex('other')],
    ['a truncated signature', hex().slice(0, 40)],
    ['the secret itself', 'current'],
    ['a list of wrong ones', `${hex('a')},${b64('b')}`],
  ])('refuses %s', (_name, header) => {
    expect(verifySignature(body, header, ['current'])).toBe(false);
  });

  it('accepts the previous secret during a rotation, and not once it is removed', () => {
    expect(verifySignature(body, hex('previous'), ['current', 'previous'])).toBe(true);
    expect(verifySignature(body, hex('previous'), ['current', undefined])).toBe(false);
    expect(verifySignature(body, hex(), [])).toBe(false);
  });

  it("describes a header's shape without its value", () => {
    const header = `sha256=${hex()}, ${b64()}`;
    const shape = signatureShape(header);
    expect(shape).toEqual({
      present: true,
      length: header.length,
      parts: 2,
      shapes: [
        { prefix: 'sha256=', length: 64, alphabet: 'hex' },
        { prefix: null, length: 44, alphabet: 'base64' },
      ],
    });
    expect(JSON.stringify(shape)).not.toContain(hex().slice(0, 8));
    expect(signatureShape(undefined)).toEqual({ present: false });
  });
});
