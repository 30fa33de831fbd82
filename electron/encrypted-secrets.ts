/**
 * The desktop app's secret store, without Electron: secrets encrypted by a cipher (Electron's
 * safeStorage, wired in electron/secret-store.ts), one file per secret in the data folder (0600, in
 * a 0700 folder), each holding the value with its binding (shared/secrets/binding.ts). Also reads
 * the environment variables the person set (host/secrets.ts EnvSecretStore), the alternative when
 * the OS offers no safe storage.
 *
 * `storageVerdict` decides whether the cipher may be trusted: not when encryption is unavailable,
 * and not on Linux when safeStorage fell back to `basic_text` (no keyring: the key is a constant
 * in Chromium's source, so the file would be as good as plain text). Then nothing is written and
 * the person is told how to give the secret instead.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvSecretStore, variableFor, type SecretRef } from '../host/secrets';
import { SECRET_LABELS } from '../host/confirm';
import type { SecretBinding, SecretKind } from '../shared/secrets/binding';

/** What the OS says about its secret storage. */
export interface StorageFacts {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  /** Linux only: `safeStorage.getSelectedStorageBackend()` (basic_text, gnome_libsecret, kwallet…). */
  backend?: string;
}

export type StorageVerdict = { ok: true } | { ok: false; reason: string };

/** Whether secrets may be written with this storage. */
export function storageVerdict(f: StorageFacts): StorageVerdict {
  if (!f.encryptionAvailable) return { ok: false, reason: 'the OS secret store is not available' };
  if (f.platform === 'linux' && (f.backend === undefined || f.backend === 'basic_text' || f.backend === 'unknown'))
    return { ok: false, reason: `no keyring is available (Electron's secret storage is "${f.backend ?? 'unknown'}"), so the secret would be protected only by a key anyone can read in Chromium's source` };
  return { ok: true };
}

/** The message for a refused write: what happened, and the two ways on. */
export function refusalMessage(reason: string, ref: SecretRef): string {
  const v = variableFor(ref);
  return `${reason}: the ${SECRET_LABELS[ref.kind]} was not saved. Install or unlock a keyring (GNOME Keyring or KWallet) and restart Preflight, or start Preflight with ${v} (or ${v}_FILE naming a file only you can read) set.`;
}

/** Encrypts and decrypts with the OS's key (Electron's safeStorage). */
export interface Cipher {
  facts(): StorageFacts;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

interface StoredFile {
  v: 1;
  value: string;
  binding: SecretBinding;
}

export class EncryptedFileSecretStore extends EnvSecretStore {
  constructor(
    private readonly dir: string,
    private readonly cipher: Cipher,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    super(env);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private stem(id: string) {
    return id.replace(/[^A-Za-z0-9_-]/g, '_');
  }
  private file(ref: SecretRef) {
    return join(this.dir, `${this.stem(ref.environmentId)}.${ref.kind}.bin`);
  }
  /** Before bindings, an app token was one file per environment, with no destination. */
  private legacyFile(environmentId: string) {
    return join(this.dir, `${this.stem(environmentId)}.bin`);
  }

  override async get(ref: SecretRef, binding: SecretBinding) {
    if (!this.holds(ref)) this.load(ref);
    return super.get(ref, binding);
  }

  override async set(ref: SecretRef, value: string, binding: SecretBinding, options?: { runOnly?: boolean }) {
    if (!options?.runOnly) {
      const verdict = storageVerdict(this.cipher.facts());
      if (!verdict.ok) throw new Error(refusalMessage(verdict.reason, ref));
      this.write(ref, { v: 1, value, binding });
    }
    await super.set(ref, value, binding, options);
  }

  override async drop(environmentId: string, kinds: readonly SecretKind[] = ['apptoken', 'oauth-client-secret']) {
    await super.drop(environmentId, kinds);
    for (const kind of kinds) rmSync(this.file({ environmentId, kind }), { force: true });
    if (kinds.includes('apptoken')) rmSync(this.legacyFile(environmentId), { force: true });
  }

  override async adopt(ref: SecretRef, binding: SecretBinding) {
    const legacy = this.legacyFile(ref.environmentId);
    if (ref.kind === 'apptoken' && existsSync(legacy) && !existsSync(this.file(ref))) {
      const value = this.decrypt(readFileSync(legacy));
      if (value && storageVerdict(this.cipher.facts()).ok) {
        // The token was given for the environment as it is set up now: bind it there, once.
        this.write(ref, { v: 1, value, binding });
        rmSync(legacy, { force: true });
        return;
      }
    }
    await super.adopt(ref, binding);
  }

  /** Reads a stored secret into memory (an unreadable or foreign file is ignored: the person enters the secret again). */
  private load(ref: SecretRef) {
    const f = this.file(ref);
    if (!existsSync(f)) return;
    const text = this.decrypt(readFileSync(f));
    if (!text) return;
    try {
      const stored = JSON.parse(text) as StoredFile;
      if (stored.v === 1 && typeof stored.value === 'string' && stored.binding && typeof stored.binding.origin === 'string') this.remember(ref, stored.value, stored.binding);
    } catch {
      // Not ours: leave it.
    }
  }

  private decrypt(data: Buffer): string | undefined {
    try {
      return this.cipher.decrypt(data);
    } catch {
      return undefined;
    }
  }

  /** Writes atomically (a crash leaves the old file or the new one), 0600. */
  private write(ref: SecretRef, stored: StoredFile) {
    const f = this.file(ref);
    const tmp = `${f}.${process.pid}.tmp`;
    writeFileSync(tmp, this.cipher.encrypt(JSON.stringify(stored)), { mode: 0o600 });
    renameSync(tmp, f);
  }
}
