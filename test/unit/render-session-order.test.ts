/**
 * The render worker's order of answers (renderer/workers/render-session.ts): the rows on screen,
 * asked for with a load, are answered before the campaign-level checks, which read every user; the
 * checks come before the scan's end; a newer load drops an older one's checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRenderSession } from '../../renderer/workers/render-session';
import type { WorkerReply, WorkerRequest } from '../../renderer/workers/render-protocol';
import { loadCampaign } from '../../shared/campaign/load';
import type { SendData } from '../../shared/campaign/send-data';

const root = join(__dirname, '..', '..', 'examples');
const file = 'campaigns/order-confirmation.yaml';
const campaign = loadCampaign(file, readFileSync(join(root, file), 'utf8')).campaign!;
const data = JSON.parse(readFileSync(join(root, 'requests', 'order-confirmation.json'), 'utf8')) as SendData;

/** A session whose deferred tasks wait until `run` is called, as a worker's timers wait behind its messages. */
function session() {
  const out: WorkerReply[] = [];
  const later: (() => void)[] = [];
  const handle = createRenderSession(
    (m) => void out.push(m),
    (task) => void later.push(task),
  );
  return {
    out,
    send: (...ms: WorkerRequest[]) => ms.forEach(handle),
    run: () => {
      while (later.length) later.shift()!();
    },
  };
}

describe('render session: order of answers', () => {
  it('answers the rows asked with the load first, then the campaign checks, then the scan', () => {
    const s = session();
    s.send({ type: 'load', gen: 1, campaign, data, profiles: {}, settings: {} }, { type: 'render', id: 1, gen: 1, targets: [data.target[0]!] }, { type: 'scan', gen: 1 });
    // Before any deferred task: the rows are there, the checks and the scan are not.
    expect(s.out.map((m) => m.type)).toEqual(['rendered']);
    s.run();
    expect(s.out.map((m) => m.type).filter((t) => t !== 'scan-progress')).toEqual(['rendered', 'loaded', 'scan-done']);
    const loaded = s.out.find((m) => m.type === 'loaded');
    expect(loaded?.type === 'loaded' && loaded.references).toBeTruthy();
  });

  it('a newer load before the checks ran answers only for the newer one', () => {
    const s = session();
    s.send({ type: 'load', gen: 1, campaign, data, profiles: {}, settings: {} }, { type: 'load', gen: 2, campaign, data: { ...data, target: data.target.slice(0, 1) }, profiles: {}, settings: {} });
    s.run();
    expect(s.out.map((m) => [m.type, m.gen])).toEqual([['loaded', 2]]);
  });
});
