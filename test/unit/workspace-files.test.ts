import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkspaceText, workspaceFile, writeWorkspaceText } from '../../host/workspace-files';

const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'preflight-ws-'));
  mkdirSync(join(d, 'campaigns'));
  return d;
};

describe('workspace files', () => {
  it('writes a campaign file atomically and reads it back', async () => {
    const d = dir();
    expect(await writeWorkspaceText(d, 'campaigns/a.yaml', 'name: A\n')).toMatchObject({ written: true });
    expect(await readWorkspaceText(d, 'campaigns/a.yaml')).toBe('name: A\n');
    expect(await readWorkspaceText(d, 'campaigns/missing.yaml')).toBeNull();
  });

  it('a file changed on disk since it was loaded is not overwritten; its current text comes back', async () => {
    const d = dir();
    writeFileSync(join(d, 'campaigns/a.yaml'), 'theirs');
    expect(await writeWorkspaceText(d, 'campaigns/a.yaml', 'mine', 'what I loaded')).toMatchObject({ written: false, current: 'theirs' });
    expect(readFileSync(join(d, 'campaigns/a.yaml'), 'utf8')).toBe('theirs');
    expect((await writeWorkspaceText(d, 'campaigns/a.yaml', 'mine', 'theirs')).written).toBe(true);
  });

  it('creates reviews/ and reports/ on first write', async () => {
    const d = dir();
    await writeWorkspaceText(d, 'reviews/a.json', '{}');
    expect(readFileSync(join(d, 'reviews/a.json'), 'utf8')).toBe('{}');
  });

  it('refuses paths outside the allowed set or the workspace', async () => {
    const d = dir();
    await expect(workspaceFile(d, '../etc/passwd')).rejects.toThrow();
    await expect(workspaceFile(d, 'campaigns/../../x.yaml')).rejects.toThrow();
    await expect(workspaceFile(d, 'requests/a.json')).rejects.toThrow();
    expect(await workspaceFile(d, 'preflight.settings.json')).toBe(join(realpathSync(d), 'preflight.settings.json'));
  });
});
