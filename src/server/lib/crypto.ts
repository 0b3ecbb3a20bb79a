import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual, hkdfSync } from 'node:crypto';

/** SM3 digest (GB/T 32905), hex. Node's OpenSSL provides it. */
export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

/** Random token for sessions and CSRF: 256 bits, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Session tokens are stored only as a digest, so a read of the table does not yield live sessions. */
export function tokenDigest(token: string): string {
  return sm3Hex(token);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Encryption of sensitive fields at rest: SM4-CTR then HMAC-SM3 over iv‖ciphertext
 * (encrypt-then-MAC; this OpenSSL has no SM4-GCM). Keys are derived from the deployment
 * secret with HKDF, one for encryption and one for the MAC.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  constructor(secret: string) {
    const ikm = Buffer.from(secret, 'utf8');
    this.encKey = Buffer.from(hkdfSync('sha256', ikm, 'juli', 'field-enc-sm4', 16));
    this.macKey = Buffer.from(hkdfSync('sha256', ikm, 'juli', 'field-mac-sm3', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-ctr', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = createHmac('sm3', this.macKey).update(iv).update(body).digest();
    return ['v1', iv.toString('base64url'), body.toString('base64url'), mac.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, ivText, bodyText, macText] = sealed.split('.');
    if (version !== 'v1' || !ivText || bodyText === undefined || !macText) throw new Error('sealed value has an unknown format');
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    const expected = createHmac('sm3', this.macKey).update(iv).update(body).digest();
    const mac = Buffer.from(macText, 'base64url');
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new Error('sealed value failed its integrity check');
    const decipher = createDecipheriv('sm4-ctr', this.encKey, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
