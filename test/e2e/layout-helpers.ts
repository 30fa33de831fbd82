/** Helpers for the layout, keyboard and accessibility end-to-end tests: a bigger promo journey, counting matrix rows, axe. */
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { writeWorkspace } from './workspace-helpers';

const NAMES = ['Aoife', 'Liam', 'Saoirse', 'Cian', 'Niamh', 'Oisín', 'Róisín', 'Darragh', 'Clodagh', 'Fionn', 'Aisling', 'Conor', 'Méabh', 'Tadhg', 'Éabha', 'Rían', 'Caoimhe', 'Seán', 'Ciara', 'Eoin'];

/**
 * Gives the sample workspace's promo journey `n` users (a request file with a promo code each, and
 * profiles with first names for all but every seventh user, who gets the empty-value warning).
 */
export function bigPromoJourney(workspace: string, n = 24) {
  const target = Array.from({ length: n }, (_, i) => `user_${i + 1}`);
  const target_with_params = Object.fromEntries(target.map((t, i) => [t, { promo_code: `PLAY${50 + i * 5}X` }]));
  const profiles = target.filter((_, i) => i % 7 !== 2).map((t, i) => `${t},${NAMES[i % NAMES.length]}`);
  writeWorkspace(workspace, {
    'requests/promo-journey.json': JSON.stringify({ id: 'Campaign_ID', target_by: 'user_id', target, params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool' }, target_with_params }, null, 2),
    'profiles/profiles.csv': `user_id,first_name\n${profiles.join('\n')}\n`,
  });
}

/**
 * How many user rows of the review matrix are entirely visible: inside the window, below the
 * column header, and inside every ancestor that clips its overflow.
 */
export async function visibleMatrixRows(page: Page): Promise<number> {
  return page.getByTestId('render-matrix').evaluate((grid) => {
    let top = 0;
    let bottom = window.innerHeight;
    for (let el: Element | null = grid; el; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (el === grid || style.overflowY !== 'visible') {
        const r = el.getBoundingClientRect();
        top = Math.max(top, r.top);
        bottom = Math.min(bottom, r.bottom);
      }
    }
    // The scroller inside the grid (if any) clips too.
    for (const el of grid.querySelectorAll('*')) {
      const s = getComputedStyle(el);
      if (s.overflowY === 'auto' || s.overflowY === 'scroll') {
        const r = el.getBoundingClientRect();
        top = Math.max(top, r.top);
        bottom = Math.min(bottom, r.bottom);
        break;
      }
    }
    const header = grid.querySelector('[role="row"][aria-rowindex="1"]');
    if (header) top = Math.max(top, header.getBoundingClientRect().bottom);
    let n = 0;
    for (const row of grid.querySelectorAll('[role="row"]')) {
      if (row === header) continue;
      const r = row.getBoundingClientRect();
      if (r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5) n++;
    }
    return n;
  });
}

/** Waits until the campaign editor (Monaco) has loaded its model. */
export async function editorReady(page: Page) {
  await expect(page.getByTestId('campaign-editor')).toHaveAttribute('data-editor-ready', 'yes');
}

/**
 * Runs axe-core on the page and fails with a readable list when any violation is serious or
 * critical: rule, impact, how many elements, and the first few selectors with axe's reason.
 * `skipEditor` leaves the Monaco editor out: it is the same editor on every screen, checked with
 * the matrix, and its large DOM makes each colour-contrast pass slow on a busy machine.
 */
export async function expectNoSeriousA11yViolations(page: Page, screen: string, opts: { skipEditor?: boolean } = {}) {
  let builder = new AxeBuilder({ page });
  if (opts.skipEditor) builder = builder.exclude('.monaco-editor');
  const result = await builder.analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
        .join('\n')}`,
  );
  expect(report, `axe on ${screen}`).toEqual([]);
}
