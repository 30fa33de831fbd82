/**
 * Where app tokens live. The desktop app uses Electron's safeStorage (electron/secret-store.ts);
 * the browser host and CLI read tokens from the environment or a file the user names. Tokens are
 * returned only to the send path in this process — never to the renderer, logs or the workspace.
 */
import { readFileSync } from 'node:fs';

export interface SecretStore {
  get(environmentId: string): Promise<string | undefined>;
  set(environmentId: string, token: string): Promise<void>;
  has(environmentId: string): Promise<boolean>;
}

/** Tokens held in memory only (the sandbox's per-run token, tests). */
export class MemorySecretStore implements SecretStore {
  private readonly tokens = new Map<string, string>();
  async get(id: string) {
    return this.tokens.get(id);
  }
  async set(id: string, token: string) {
    this.tokens.set(id, token);
  }
  async has(id: string) {
    return this.tokens.has(id);
  }
}

/** Env var name for an environment's token: `XP_APP_TOKEN_<ID>` (id upper-cased, non-alphanumerics as `_`). */
export function tokenVariable(environmentId: string): string {
  return `XP_APP_TOKEN_${environmentId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * Reads tokens from `XP_APP_TOKEN_<ID>`, or from the file named by `XP_APP_TOKEN_<ID>_FILE`;
 * falls back to an in-memory store for tokens set during the run.
 */
export class EnvSecretStore extends MemorySecretStore {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    super();
  }
  override async get(id: string) {
    const own = await super.get(id);
    if (own !== undefined) return own;
    const v = this.env[tokenVariable(id)];
    if (v) return v.trim();
    const file = this.env[`${tokenVariable(id)}_FILE`];
    if (file) return readFileSync(file, 'utf8').trim();
    return undefined;
  }
  override async has(id: string) {
    return (await this.get(id)) !== undefined;
  }
}
