import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentStore, resolveBaseUrl } from '../../host/environments/store';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'preflight-env-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('environment settings', () => {
  it('start with the built-in sandbox, whose base URL is the running sandbox', () => {
    const s = new EnvironmentStore(fresh());
    expect(s.list().map((e) => e.id)).toEqual(['sandbox']);
    expect(resolveBaseUrl(s.get('sandbox')!, 'http://127.0.0.1:5555')).toBe('http://127.0.0.1:5555');
  });

  it('are saved to environments.json with defaults and read back by a new store', async () => {
    const dir = fresh();
    await new EnvironmentStore(dir).save({ id: 'prod-us', name: 'Production US', region: 'us', baseUrl: 'https://ignored.example', production: true, qaUsers: ['qa_1'] });
    const again = new EnvironmentStore(dir).get('prod-us')!;
    expect(again).toMatchObject({ baseUrl: 'https://api.us.xtremepush.com', batchSize: 500, concurrency: 2, qaUsers: ['qa_1'], production: true });
    const stored = JSON.parse(readFileSync(join(dir, 'environments.json'), 'utf8')) as { environments: Record<string, unknown>[] };
    expect(Object.keys(stored.environments[1]!).filter((k) => /token|secret|file/i.test(k))).toEqual([]);
  });

  it('an older file naming a token file loads without it (never reading it) and says how to give the token now', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'environments.json'), JSON.stringify({ version: 1, environments: [{ id: 'prod', name: 'Prod', region: 'eu', baseUrl: 'https://external-api.xtremepush.com', production: true, tokenFile: '/etc/shadow' }] }));
    const s = new EnvironmentStore(dir);
    expect(s.get('prod')).toMatchObject({ id: 'prod', production: true });
    expect(s.get('prod')).not.toHaveProperty('tokenFile');
    expect(s.loadProblem).toMatch(/token file setting of environment "prod" was dropped.*XP_APP_TOKEN_PROD_FILE/);
    expect(s.loadProblem).not.toContain('/etc/shadow');
  });

  it('refuse a custom base URL that is not https, naming the problem', async () => {
    const s = new EnvironmentStore(fresh());
    await expect(s.save({ id: 'stage', name: 'Stage', region: 'custom', baseUrl: 'http://stage.example.com', production: false })).rejects.toThrow(/must use https/);
    await expect(s.save({ id: 'Bad Id', name: 'x', region: 'eu', baseUrl: 'https://x.example', production: false })).rejects.toThrow(/^environment not saved: id lower-case letters/);
  });

  it('keep a corrupt settings file aside and start from defaults instead of failing', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'environments.json'), '{"environments": [');
    const s = new EnvironmentStore(dir);
    expect(s.list().map((e) => e.id)).toEqual(['sandbox']);
    expect(s.loadProblem).toMatch(/could not be read/);
    expect(readdirSync(dir).some((f) => f.startsWith('environments.json.corrupt-'))).toBe(true);
  });

  it('never remove the built-in sandbox', async () => {
    await expect(new EnvironmentStore(fresh()).remove('sandbox')).rejects.toThrow(/cannot be removed/);
  });
});
