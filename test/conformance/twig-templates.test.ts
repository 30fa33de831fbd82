/**
 * Realistic transactional templates (test/fixtures/twig-templates/, in the styles of Shopware,
 * Symfony, Drupal Commerce, Grav, Craft, Mautic, October, FOSUserBundle and Oro): each renders
 * byte for byte what PHP Twig 3.5.1 rendered for it (scripts/render-twig-templates.mjs wrote the
 * `.expected` files), with no diagnostic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';

const dir = join(__dirname, '..', 'fixtures', 'twig-templates');
const set = JSON.parse(readFileSync(join(dir, 'templates.json'), 'utf8')) as { name: string; style: string; channel: string; autoescape: boolean; about: string }[];

describe('realistic templates render exactly as PHP Twig renders them', () => {
  it('the set has at least 30 templates', () => expect(set.length).toBeGreaterThanOrEqual(30));
  for (const t of set) {
    it(`${t.style} ${t.channel}: ${t.about} (${t.name})`, () => {
      const template = compileTemplate(readFileSync(join(dir, `${t.name}.twig`), 'utf8'), { autoescape: t.autoescape });
      expect(template.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      const r = template.render(JSON.parse(readFileSync(join(dir, `${t.name}.json`), 'utf8')));
      expect(r.error).toBeUndefined();
      expect(r.output).toBe(readFileSync(join(dir, `${t.name}.expected`), 'utf8'));
    });
  }
});
