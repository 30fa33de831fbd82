import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { aboutPanelOptions } from '../../electron/about';

describe('the About box', () => {
  it('names the bundled caniemail data by its package version and date, as the installed package has them', () => {
    const pkg = JSON.parse(readFileSync('node_modules/caniemail/package.json', 'utf8')) as { version: string };
    const data = JSON.parse(readFileSync(`node_modules/caniemail/dist/data/caniemail.json`, 'utf8')) as { last_update_date: string };
    const about = aboutPanelOptions('Preflight', '1.2.3');
    expect(about.applicationVersion).toBe('1.2.3');
    expect(about.credits).toContain(`caniemail@${pkg.version}, updated ${String(data.last_update_date).slice(0, 10)}`);
  });
});
