/**
 * Environment settings in `<data>/environments.json`, written atomically (host/atomic-write.ts), so a
 * crash mid-save leaves the old file or the new one, never half of each. The built-in sandbox is
 * always present; its base URL is the running sandbox's. Secrets are never stored here.
 */
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../atomic-write';
import { ensurePrivateDir } from '../data-dir';
import { environmentConfigSchema, REGION_BASE_URLS, type EnvironmentConfig } from '../../shared/environments';
import { tokenVariable } from '../secrets';

export const SANDBOX_ENVIRONMENT_ID = 'sandbox';

/** The built-in sandbox's defaults: fast pacing, the sample QA users. */
export function sandboxDefaults(): EnvironmentConfig {
  return environmentConfigSchema.parse({
    id: SANDBOX_ENVIRONMENT_ID,
    name: 'Sandbox',
    region: 'sandbox',
    baseUrl: 'http://127.0.0.1/',
    production: false,
    ratePerSecond: 50,
    qaUsers: ['qa_1', 'qa_2'],
  });
}

/** Resolves where an environment's calls go: region hosts, the sandbox, or the custom URL. */
export function resolveBaseUrl(env: EnvironmentConfig, sandboxUrl: string): string {
  if (env.region === 'sandbox') return sandboxUrl;
  if (env.region === 'eu' || env.region === 'us') return REGION_BASE_URLS[env.region];
  return env.baseUrl;
}

/** Checks an environment beyond its schema: https for real hosts, no clash with the sandbox id. */
export function checkEnvironment(env: EnvironmentConfig): string[] {
  const problems: string[] = [];
  if (env.region === 'custom') {
    let u: URL | undefined;
    try {
      u = new URL(env.baseUrl);
    } catch {
      problems.push(`base URL "${env.baseUrl}" is not a URL`);
    }
    if (u && u.protocol !== 'https:') problems.push(`base URL must use https (got ${u.protocol.replace(':', '')}): app tokens must not travel in the clear`);
  }
  if (env.id === SANDBOX_ENVIRONMENT_ID && env.production) problems.push('the built-in sandbox cannot be marked production');
  if (env.authMode === 'oauth' && !env.oauthClientId) problems.push('OAuth needs a client id');
  return problems;
}

export class EnvironmentStore {
  private readonly file: string;
  private envs: EnvironmentConfig[];
  /** A problem met while loading (e.g. a corrupt file, kept aside), shown once in the UI. */
  loadProblem?: string;

  constructor(dataDir: string) {
    ensurePrivateDir(dataDir);
    this.file = join(dataDir, 'environments.json');
    this.envs = this.load();
  }

  private load(): EnvironmentConfig[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return [sandboxDefaults()];
    }
    try {
      const raw = JSON.parse(text) as { environments?: unknown[] };
      const list = (raw.environments ?? []).map((e) => environmentConfigSchema.parse(this.migrate(e)));
      if (!list.some((e) => e.id === SANDBOX_ENVIRONMENT_ID)) list.unshift(sandboxDefaults());
      return list;
    } catch (e) {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      renameSync(this.file, aside);
      this.loadProblem = `the environments file could not be read (${(e as Error).message.split('\n')[0]}); it was kept as ${aside} and defaults are used`;
      return [sandboxDefaults()];
    }
  }

  /**
   * Older files could name a token file per environment (`tokenFile`), set from the renderer. That
   * power is gone: the setting is dropped (the file is never read) and the person is told how to
   * give the token now.
   */
  private migrate(e: unknown): unknown {
    if (!e || typeof e !== 'object' || !('tokenFile' in e)) return e;
    const { tokenFile: _dropped, ...rest } = e as Record<string, unknown>;
    const id = typeof rest.id === 'string' ? rest.id : '?';
    this.loadProblem = [this.loadProblem, `the token file setting of environment "${id}" was dropped: choose the file in the desktop app, or start the browser host with ${tokenVariable(id === '?' ? '<id>' : id)}_FILE set`].filter(Boolean).join('; ');
    return rest;
  }

  list(): EnvironmentConfig[] {
    return this.envs.slice();
  }

  get(id: string): EnvironmentConfig | undefined {
    return this.envs.find((e) => e.id === id);
  }

  /** Adds or replaces an environment; throws a plain-language error for a bad one. */
  async save(input: unknown): Promise<EnvironmentConfig> {
    const env = this.validate(input);
    const next = this.envs.filter((e) => e.id !== env.id);
    const at = this.envs.findIndex((e) => e.id === env.id);
    next.splice(at < 0 ? next.length : at, 0, env);
    await this.write(next);
    return env;
  }

  /** The environment `input` would be saved as (defaults applied, region URL set), or a plain-language error. */
  validate(input: unknown): EnvironmentConfig {
    const parsed = environmentConfigSchema.safeParse(input);
    if (!parsed.success) throw new Error(`environment not saved: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`).join('; ')}`);
    const env = parsed.data;
    if (env.region === 'eu' || env.region === 'us') env.baseUrl = REGION_BASE_URLS[env.region];
    if (env.id === SANDBOX_ENVIRONMENT_ID && env.region !== 'sandbox') throw new Error('environment not saved: the built-in sandbox must stay a sandbox');
    const problems = checkEnvironment(env);
    if (problems.length) throw new Error(`environment not saved: ${problems.join('; ')}`);
    return env;
  }

  async remove(id: string): Promise<void> {
    if (id === SANDBOX_ENVIRONMENT_ID) throw new Error('the built-in sandbox cannot be removed');
    if (!this.get(id)) throw new Error(`no environment "${id}"`);
    await this.write(this.envs.filter((e) => e.id !== id));
  }

  private async write(envs: EnvironmentConfig[]) {
    await writeFileAtomically(this.file, JSON.stringify({ version: 1, environments: envs }, null, 2) + '\n', { mode: 0o600 });
    this.envs = envs;
  }
}
