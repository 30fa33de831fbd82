/**
 * Wiring only: the desktop app's secret store (electron/encrypted-secrets.ts) with Electron's
 * safeStorage as its cipher. Which storage may be trusted (not `basic_text`) is decided there.
 */
import { safeStorage } from 'electron';
import { EncryptedFileSecretStore } from './encrypted-secrets';

export function createSecretStore(dir: string): EncryptedFileSecretStore {
  return new EncryptedFileSecretStore(dir, {
    facts: () => ({
      platform: process.platform,
      encryptionAvailable: safeStorage.isEncryptionAvailable(),
      ...(process.platform === 'linux' ? { backend: safeStorage.getSelectedStorageBackend() } : {}),
    }),
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  });
}
