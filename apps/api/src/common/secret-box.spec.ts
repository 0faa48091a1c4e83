import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const master = 'a-master-secret-of-at-least-32-characters!';
  const box = new SecretBox(master, 'channel-endpoint-secret/v1');

  it('seals into enc:v1: with a fresh IV each time and opens back', () => {
    const a = box.seal('whsec_abc');
    const b = box.seal('whsec_abc');
    expect(a).toMatch(/^enc:v1:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('abc');
    expect(box.open(a)).toBe('whsec_abc');
    expect(box.open(b)).toBe('whsec_abc');
  });

  it('returns a value stored before sealing unchanged', () => {
    expect(box.open('whsec_plain')).toBe('whsec_plain');
    expect(SecretBox.isSealed('whsec_plain')).toBe(false);
  });

  it('refuses another key, another purpose, a tampered or truncated value', () => {
    const sealed = box.seal('whsec_abc');
    expect(() => new SecretBox(`${master}x`, 'channel-endpoint-secret/v1').open(sealed)).toThrow(/another key/);
    expect(() => new SecretBox(master, 'other/v1').open(sealed)).toThrow(/another key/);
    const raw = Buffer.from(sealed.slice(7), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.open(`enc:v1:${raw.toString('base64url')}`)).toThrow(/altered/);
    expect(() => box.open('enc:v1:AAAA')).toThrow(/truncated/);
  });

  it('needs a master secret of 32 characters or more', () => {
    expect(() => new SecretBox('short', 'x')).toThrow(/32 characters/);
  });
});
