/**
 * App tokens encrypted with Electron's safeStorage (OS keychain-backed), one file per environment,
 * written 0600 in the app's data folder. Refuses to store when encryption is unavailable rather
 * than writing a token in the clear.
 */
import { safeStorage } from 'electron';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemorySecretStore } from '../host/secrets';

export class SafeStorageSecretStore extends MemorySecretStore {
  constructor(private readonly dir: string) {
    super();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  private file(id: string) {
    return join(this.dir, `${id.replace(/[^A-Za-z0-9_-]/g, '_')}.bin`);
  }
  override async get(id: string) {
    const own = await super.get(id);
    if (own !== undefined) return own;
    const f = this.file(id);
    if (!existsSync(f) || !safeStorage.isEncryptionAvailable()) return undefined;
    return safeStorage.decryptString(readFileSync(f));
  }
  /** Persists a token; the built-in sandbox's per-run token stays in memory only. */
  async persist(id: string, token: string) {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS secret store is not available: the token was not saved');
    writeFileSync(this.file(id), safeStorage.encryptString(token), { mode: 0o600 });
  }
  override async has(id: string) {
    return (await this.get(id)) !== undefined;
  }
}
