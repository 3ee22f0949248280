// A stand-in for Electron's safeStorage as earlier RowCol windows used it, speaking its format: on Linux
// Chromium's os_crypt seals with AES-128-CBC under a key derived from the keychain's password (PBKDF2,
// salt "saltysalt", one iteration, IV of 16 spaces) and prefixes "v11"
// (https://source.chromium.org/chromium/chromium/src/+/main:components/os_crypt/sync/os_crypt_linux.cc).
// The old vault stored `safe.` + base64 of that buffer. Electron itself cannot run here.
import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';

export type SafeStorageDouble = {
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
};

export function safeStorageDouble(keychainPassword: string): SafeStorageDouble {
  const key = pbkdf2Sync(keychainPassword, 'saltysalt', 1, 16, 'sha1');
  const iv = Buffer.alloc(16, ' ');
  return {
    encryptString(plain) {
      const cipher = createCipheriv('aes-128-cbc', key, iv);
      return Buffer.concat([Buffer.from('v11'), cipher.update(plain, 'utf8'), cipher.final()]);
    },
    decryptString(encrypted) {
      if (encrypted.subarray(0, 3).toString() !== 'v11')
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      const decipher = createDecipheriv('aes-128-cbc', key, iv);
      return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/** A row as an earlier app version wrote it into `client_tokens`. */
export const legacySealed = (s: SafeStorageDouble, plain: string): string =>
  `safe.${s.encryptString(plain).toString('base64')}`;
