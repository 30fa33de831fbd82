/**
 * Where secrets live: app tokens and OAuth client secrets, each bound to the destination it was
 * given for (shared/secrets/binding.ts). A store hands a secret out only for a matching binding;
 * values go only to host/platform/auth.ts — never to the renderer, logs or the workspace.
 *
 * - MemorySecretStore: secrets set during the run (the sandbox's per-run secrets, tests, the
 *   browser host's Environments dialog).
 * - EnvSecretStore: also reads the variables the person set when starting the browser host, the
 *   CLI or the desktop app: `XP_APP_TOKEN_<ID>` / `XP_APP_TOKEN_<ID>_FILE` and
 *   `XP_OAUTH_CLIENT_SECRET_<ID>` / `…_FILE`. A variable carries no destination, so it is bound
 *   when the environment is first seen (at start, or when it is created after a confirmation);
 *   dropped (the environment's destination changed, or it was removed) it stays unused for the run.
 * - The desktop app's encrypted store (electron/encrypted-secrets.ts) persists what is set.
 */
import { readFileSync } from 'node:fs';
import { SANDBOX_ORIGIN, sameBinding, type SecretBinding, type SecretKind } from '../shared/secrets/binding';

/** Which secret: an environment's app token or OAuth client secret. */
export interface SecretRef {
  environmentId: string;
  kind: SecretKind;
}

export interface SecretStore {
  /** The secret when it was given for this binding; undefined otherwise (a secret bound elsewhere is never handed out). */
  get(ref: SecretRef, binding: SecretBinding): Promise<string | undefined>;
  /** Stores a secret for a destination. `runOnly` keeps it in memory (the sandbox's per-run secrets); otherwise the desktop app persists it, or throws when it cannot do so safely. */
  set(ref: SecretRef, value: string, binding: SecretBinding, options?: { runOnly?: boolean }): Promise<void>;
  /** Forgets an environment's secrets (every kind unless given), wherever they came from. */
  drop(environmentId: string, kinds?: readonly SecretKind[]): Promise<void>;
  /** Binds a secret that came without a destination (an environment variable, an older file) to the environment it was given for. */
  adopt(ref: SecretRef, binding: SecretBinding): Promise<void>;
  /** Every secret value this store holds or has read, to scrub from whatever is recorded or shown. */
  known(): string[];
  /** True when the person set an environment variable for this secret (stores that read them). */
  hasVariable?(ref: SecretRef): boolean;
}

const keyOf = (ref: SecretRef) => `${ref.environmentId}\n${ref.kind}`;
const ALL_KINDS: readonly SecretKind[] = ['apptoken', 'oauth-client-secret'];

/** Secrets held in memory for the run. */
export class MemorySecretStore implements SecretStore {
  private readonly entries = new Map<string, { value: string; binding: SecretBinding }>();

  async get(ref: SecretRef, binding: SecretBinding) {
    const e = this.entries.get(keyOf(ref));
    return e && sameBinding(e.binding, binding) ? e.value : undefined;
  }
  async set(ref: SecretRef, value: string, binding: SecretBinding, _options?: { runOnly?: boolean }) {
    this.entries.set(keyOf(ref), { value, binding: { ...binding } });
  }
  async drop(environmentId: string, kinds: readonly SecretKind[] = ALL_KINDS) {
    for (const kind of kinds) this.entries.delete(keyOf({ environmentId, kind }));
  }
  async adopt(_ref: SecretRef, _binding: SecretBinding) {
    // Everything here was given with its destination.
  }
  known() {
    return [...this.entries.values()].map((e) => e.value);
  }
  /** True when an entry exists for the ref, whatever its binding (the entry then decides alone). */
  protected holds(ref: SecretRef) {
    return this.entries.has(keyOf(ref));
  }
  /** Keeps a secret read from elsewhere (a stored file) in memory, as if set this run. */
  protected remember(ref: SecretRef, value: string, binding: SecretBinding) {
    this.entries.set(keyOf(ref), { value, binding: { ...binding } });
  }
}

/**
 * Stores a per-run secret of an environment on the built-in sandbox: bound to the running sandbox,
 * kept in memory only (the sandbox makes new ones each run). The OAuth client secret belongs to `clientId`.
 */
export function setSandboxSecret(store: SecretStore, environmentId: string, kind: SecretKind, value: string, clientId?: string): Promise<void> {
  const binding: SecretBinding = kind === 'apptoken' ? { origin: SANDBOX_ORIGIN, authMode: 'apptoken' } : { origin: SANDBOX_ORIGIN, authMode: 'oauth', clientId: clientId ?? '' };
  return store.set({ environmentId, kind }, value, binding, { runOnly: true });
}

/** Env var name for an environment's app token: `XP_APP_TOKEN_<ID>` (id upper-cased, non-alphanumerics as `_`). */
export function tokenVariable(environmentId: string): string {
  return `XP_APP_TOKEN_${environmentId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Env var name for an environment's OAuth client secret: `XP_OAUTH_CLIENT_SECRET_<ID>`. */
export function oauthSecretVariable(environmentId: string): string {
  return `XP_OAUTH_CLIENT_SECRET_${environmentId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The variable a secret is read from (its `_FILE` twin names a file holding it). */
export function variableFor(ref: SecretRef): string {
  return ref.kind === 'apptoken' ? tokenVariable(ref.environmentId) : oauthSecretVariable(ref.environmentId);
}

/** Secrets set during the run, then the environment variables the person set (bound on adoption). */
export class EnvSecretStore extends MemorySecretStore {
  /** Destinations the variables were bound to. */
  private readonly claims = new Map<string, SecretBinding>();
  /** Variables no longer used this run (their environment's destination changed, or it was removed). */
  private readonly dropped = new Set<string>();
  /** Values read from files, remembered for scrubbing. */
  private readonly seen = new Set<string>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    super();
  }

  override async get(ref: SecretRef, binding: SecretBinding) {
    if (this.holds(ref)) return super.get(ref, binding);
    const claim = this.claims.get(keyOf(ref));
    if (!claim || this.dropped.has(keyOf(ref)) || !sameBinding(claim, binding)) return undefined;
    return this.fromVariables(ref);
  }

  override async drop(environmentId: string, kinds: readonly SecretKind[] = ALL_KINDS) {
    await super.drop(environmentId, kinds);
    for (const kind of kinds) {
      const key = keyOf({ environmentId, kind });
      this.claims.delete(key);
      if (this.hasVariable({ environmentId, kind })) this.dropped.add(key);
    }
  }

  override async adopt(ref: SecretRef, binding: SecretBinding) {
    const key = keyOf(ref);
    if (!this.claims.has(key) && !this.dropped.has(key) && this.hasVariable(ref)) this.claims.set(key, { ...binding });
  }

  override known() {
    const values = [...super.known(), ...this.seen];
    for (const [name, v] of Object.entries(this.env)) if (v && /^XP_(APP_TOKEN|OAUTH_CLIENT_SECRET)_/.test(name) && !name.endsWith('_FILE')) values.push(v.trim());
    return values;
  }

  /** True when the person set a variable for this secret. */
  hasVariable(ref: SecretRef): boolean {
    const name = variableFor(ref);
    return Boolean(this.env[name] || this.env[`${name}_FILE`]);
  }

  /** The variable's value, or the content of the file its `_FILE` twin names (read at each use, so a rotated file applies at once). */
  private fromVariables(ref: SecretRef): string | undefined {
    const name = variableFor(ref);
    const v = this.env[name]?.trim();
    if (v) return v;
    const file = this.env[`${name}_FILE`];
    if (!file) return undefined;
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (e) {
      // The person named this file; the message names it too, never its content.
      throw new Error(`the file named by ${name}_FILE (${file}) cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
    }
    if (!text) throw new Error(`the file named by ${name}_FILE (${file}) is empty`);
    this.seen.add(text);
    return text;
  }
}
