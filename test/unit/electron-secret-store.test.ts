/**
 * The desktop app's secret store without Electron: a real AES cipher stands in for safeStorage's
 * OS key, real files in a temporary data folder. What is decided here — whether the OS storage may
 * be trusted, what is written, what a new run reads back — is what electron/secret-store.ts wires.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedFileSecretStore, storageVerdict, type Cipher, type StorageFacts } from '../../electron/encrypted-secrets';
import { bindingFor } from '../../shared/secrets/binding';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'preflight-secret-store-'));
  dirs.push(d);
  return join(d, 'secrets');
};

/** AES-256-GCM with a key of this "OS": what safeStorage does with the keychain's key. */
function cipher(facts: StorageFacts, key = randomBytes(32)): Cipher {
  return {
    facts: () => facts,
    encrypt(text) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const keyring: StorageFacts = { platform: 'linux', encryptionAvailable: true, backend: 'gnome_libsecret' };
const prod = { region: 'eu' as const, baseUrl: 'https://external-api.xtremepush.com' };
const ref = { environmentId: 'prod', kind: 'apptoken' as const };
const TOKEN = 'desktop-app-token-0a1b2c3d4e';

describe('whether the OS secret storage may be trusted', () => {
  it('refuses when encryption is unavailable, and on Linux without a keyring (basic_text or unknown)', () => {
    expect(storageVerdict({ platform: 'darwin', encryptionAvailable: false })).toMatchObject({ ok: false, reason: expect.stringMatching(/not available/) });
    expect(storageVerdict({ platform: 'linux', encryptionAvailable: true, backend: 'basic_text' })).toMatchObject({ ok: false, reason: expect.stringMatching(/no keyring.*basic_text/) });
    expect(storageVerdict({ platform: 'linux', encryptionAvailable: true, backend: 'unknown' }).ok).toBe(false);
    expect(storageVerdict({ platform: 'linux', encryptionAvailable: true }).ok).toBe(false);
  });

  it('trusts the keychain on macOS, DPAPI on Windows and a keyring on Linux', () => {
    expect(storageVerdict({ platform: 'darwin', encryptionAvailable: true }).ok).toBe(true);
    expect(storageVerdict({ platform: 'win32', encryptionAvailable: true }).ok).toBe(true);
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) expect(storageVerdict({ platform: 'linux', encryptionAvailable: true, backend }).ok).toBe(true);
  });
});

describe('the desktop secret store', () => {
  it('on Linux with basic_text refuses to store a token, writes nothing, and names the environment-variable way instead', async () => {
    const dir = fresh();
    const store = new EncryptedFileSecretStore(dir, cipher({ platform: 'linux', encryptionAvailable: true, backend: 'basic_text' }), {});
    await expect(store.set(ref, TOKEN, bindingFor(prod, 'apptoken'))).rejects.toThrow(/basic_text.*was not saved.*XP_APP_TOKEN_PROD \(or XP_APP_TOKEN_PROD_FILE/);
    expect(readdirSync(dir)).toEqual([]);
    expect(await store.get(ref, bindingFor(prod, 'apptoken'))).toBeUndefined();
  });

  it('…and then uses the token from the variable the person set', async () => {
    const store = new EncryptedFileSecretStore(fresh(), cipher({ platform: 'linux', encryptionAvailable: true, backend: 'basic_text' }), { XP_APP_TOKEN_PROD: TOKEN });
    await store.adopt(ref, bindingFor(prod, 'apptoken'));
    expect(await store.get(ref, bindingFor(prod, 'apptoken'))).toBe(TOKEN);
  });

  it('keeps a token encrypted in a 0600 file with its destination, and a new run reads it back only for that destination', async () => {
    const dir = fresh();
    const c = cipher(keyring);
    await new EncryptedFileSecretStore(dir, c, {}).set(ref, TOKEN, bindingFor(prod, 'apptoken'));
    const files = readdirSync(dir);
    expect(files).toEqual(['prod.apptoken.bin']);
    const file = join(dir, files[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(file).includes(TOKEN)).toBe(false);

    const next = new EncryptedFileSecretStore(dir, c, {});
    expect(await next.get(ref, bindingFor(prod, 'apptoken'))).toBe(TOKEN);
    expect(await next.get(ref, bindingFor({ region: 'us', baseUrl: '' }, 'apptoken'))).toBeUndefined();
    expect(await next.get(ref, bindingFor({ region: 'custom', baseUrl: 'https://evil.example' }, 'apptoken'))).toBeUndefined();
  });

  it('keeps an OAuth client secret bound to its client id', async () => {
    const dir = fresh();
    const c = cipher(keyring);
    const oauth = { ...prod, oauthClientId: 'client-1' };
    const secretRef = { environmentId: 'prod', kind: 'oauth-client-secret' as const };
    await new EncryptedFileSecretStore(dir, c, {}).set(secretRef, 'client-secret-value-1', bindingFor(oauth, 'oauth-client-secret'));
    const next = new EncryptedFileSecretStore(dir, c, {});
    expect(await next.get(secretRef, bindingFor(oauth, 'oauth-client-secret'))).toBe('client-secret-value-1');
    expect(await next.get(secretRef, bindingFor({ ...oauth, oauthClientId: 'client-2' }, 'oauth-client-secret'))).toBeUndefined();
  });

  it("dropping an environment's secrets deletes their files", async () => {
    const dir = fresh();
    const store = new EncryptedFileSecretStore(dir, cipher(keyring), {});
    await store.set(ref, TOKEN, bindingFor(prod, 'apptoken'));
    await store.drop('prod');
    expect(readdirSync(dir)).toEqual([]);
    expect(await new EncryptedFileSecretStore(dir, cipher(keyring), {}).get(ref, bindingFor(prod, 'apptoken'))).toBeUndefined();
  });

  it("the sandbox's per-run secrets are never written", async () => {
    const dir = fresh();
    await new EncryptedFileSecretStore(dir, cipher(keyring), {}).set({ environmentId: 'sandbox', kind: 'apptoken' }, TOKEN, bindingFor({ region: 'sandbox', baseUrl: '' }, 'apptoken'), { runOnly: true });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a token an older version stored without a destination is bound to the environment as it is set up, once', async () => {
    const dir = fresh();
    const c = cipher(keyring);
    const store = new EncryptedFileSecretStore(dir, c, {});
    writeFileSync(join(dir, 'prod.bin'), c.encrypt(TOKEN), { mode: 0o600 });
    expect(await store.get(ref, bindingFor(prod, 'apptoken'))).toBeUndefined();
    await store.adopt(ref, bindingFor(prod, 'apptoken'));
    expect(existsSync(join(dir, 'prod.bin'))).toBe(false);
    expect(await new EncryptedFileSecretStore(dir, c, {}).get(ref, bindingFor(prod, 'apptoken'))).toBe(TOKEN);
  });
});
