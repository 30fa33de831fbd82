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
  /** Reads the environment's token from a file the user names (read at each use, never copied). */
  setFile?(environmentId: string, path: string): void;
  /** Keeps the token across restarts (the desktop app's safeStorage); absent where tokens come from the environment. */
  persist?(environmentId: string, token: string): Promise<void>;
}

/** Tokens held in memory only (the sandbox's per-run token, tests), or read from files the user named. */
export class MemorySecretStore implements SecretStore {
  private readonly tokens = new Map<string, string>();
  private readonly files = new Map<string, string>();
  async get(id: string) {
    const own = this.tokens.get(id);
    if (own !== undefined) return own;
    const file = this.files.get(id);
    if (file === undefined) return undefined;
    try {
      return readFileSync(file, 'utf8').trim() || undefined;
    } catch (e) {
      // The message names the file, never its content.
      throw new Error(`the token file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  async set(id: string, token: string) {
    this.tokens.set(id, token);
  }
  setFile(id: string, path: string) {
    this.files.set(id, path);
  }
  async has(id: string) {
    return (await this.get(id).catch(() => undefined)) !== undefined;
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
