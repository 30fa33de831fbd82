import { useEffect, useRef } from 'react';
import type { CampaignNode } from '../../../shared/campaign/model';
import { useRenders } from '../../stores/renders';
import { useUi } from '../../stores/ui';
import { useMatrixKeyboard } from '../../hooks/useMatrixKeyboard';
import { useRowWindow } from '../../hooks/useRowWindow';
import { MatrixRow, cellId } from './MatrixRow';
import { PanelBoundary } from '../layout/PanelBoundary';

/** A row fits three lines of message text and a line of metrics and badges (see .mcell in styles.css). */
export const ROW_HEIGHT = 66;
const HEADER_HEIGHT = 26;

/** ReviewMatrix inside its own error boundary: if it fails, it says so with a Retry and the rest of the window stays. */
export function ReviewMatrix(props: { nodes: CampaignNode[] }) {
  return (
    <PanelBoundary id="matrix" label="the review matrix">
      <ReviewMatrixBody {...props} />
    </PanelBoundary>
  );
}

/**
 * The review matrix: rows are users, columns are nodes. Virtualised (only rows on screen exist and
 * are rendered by the worker); keyboard navigable as one grid (arrows, Page Up/Down, Home/End,
 * Enter to comment, A approve, F flag, U clear, N next problem). The grid element is itself the
 * scroller, so the keyboard that scrolls it is the one that moves in it; `#review-matrix` is where
 * the skip link lands.
 */
function ReviewMatrixBody({ nodes }: { nodes: CampaignNode[] }) {
  const targets = useRenders((s) => s.targets);
  const indices = useRenders((s) => s.indices);
  const severity = useRenders((s) => s.scan.severity);
  const status = useRenders((s) => s.status);
  const want = useRenders((s) => s.want);
  const selected = useUi((s) => s.selected);
  const keysShown = useUi((s) => s.keysHint);
  const count = indices ? indices.length : targets.length;
  const targetAt = (row: number) => targets[indices ? indices[row]! : row]!;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The column header is sticky inside the scroller: scrolling to a row leaves room for it.
  // Past ~227,000 users the rows are placed in proportion to the scroll (renderer/lib/row-window.ts).
  const win = useRowWindow({ count, rowHeight: ROW_HEIGHT, scrollRef, inset: HEADER_HEIGHT, overscan: 6 });
  const first = win.rows[0]?.index ?? 0;
  const last = win.rows[win.rows.length - 1]?.index ?? -1;
  useEffect(() => {
    const visible: string[] = [];
    for (let r = first; r <= last; r++) visible.push(targets[indices ? indices[r]! : r]!);
    want('matrix', visible);
  }, [first, last, targets, indices, want]);

  const scrollToRow = win.scrollToRow;

  const activeRow = selected ? findRow(selected.target, targets, indices) : -1;
  // A new filter or search: keep the active row in view if it is still listed, else start at the top.
  const activeRef = useRef(activeRow);
  activeRef.current = activeRow;
  useEffect(() => {
    scrollToRow(Math.max(0, activeRef.current), activeRef.current >= 0 ? 'center' : 'start');
  }, [indices, scrollToRow]);
  const activeCol = selected ? nodes.findIndex((n) => n.key === selected.node) : -1;
  const onKeyDown = useMatrixKeyboard({ count, nodes, activeRow, activeCol, targetAt, pageSize: win.pageRows, scrollToRow: (r) => scrollToRow(r, 'auto') });

  const template = `140px repeat(${nodes.length}, minmax(190px, 1fr))`;
  const minWidth = 140 + nodes.length * 190;
  return (
    <div className="matrix-wrap">
      <div
        id="review-matrix"
        className="matrix-grid"
        role="grid"
        aria-label="Review matrix: users by nodes"
        aria-describedby="matrix-keys"
        aria-rowcount={count + 1}
        aria-colcount={nodes.length + 1}
        aria-activedescendant={activeRow >= 0 && activeCol >= 0 ? cellId(activeRow, activeCol) : undefined}
        tabIndex={0}
        ref={scrollRef}
        onKeyDown={onKeyDown}
        data-testid="render-matrix"
        data-render-state={status === 'ready' ? 'done' : status}
        data-rows={count}
        style={{ ['--matrix-cols' as string]: template, ['--matrix-min' as string]: `${minWidth}px` }}
        onClick={(e) => {
          const cell = (e.target as HTMLElement).closest('[data-testid^="cell-"]');
          const row = (e.target as HTMLElement).closest('[role="row"]');
          if (cell && row) {
            const target = row.getAttribute('data-testid')!.slice(4);
            const col = [...row.querySelectorAll('[role="gridcell"]')].indexOf(cell);
            if (col >= 0) useUi.getState().select(target, nodes[col]!.key);
          }
          if (!(e.target as HTMLElement).closest('input, button, a')) e.currentTarget.focus({ preventScroll: true });
        }}
      >
        <div role="row" aria-rowindex={1} className="mrow mheader">
          <div role="columnheader" className="mhead">
            User
          </div>
          {nodes.map((n) => (
            <div role="columnheader" key={n.key} className="mcolhead">
              {n.key} <span className={`channel channel-${n.channel}`}>{n.channel}</span>
            </div>
          ))}
        </div>
        <div className="mbody" style={{ height: win.spacer, position: 'relative' }}>
          {win.rows.map(({ index, top }) => {
            const t = targetAt(index);
            return <MatrixRow key={t} target={t} row={index} nodes={nodes} top={top} height={ROW_HEIGHT} activeCol={activeRow === index ? activeCol : -1} severity={severity?.[indices ? indices[index]! : index] ?? 0} />;
          })}
        </div>
        {count === 0 && (
          <p className="muted empty-rows" data-testid="matrix-empty">
            No users match.
          </p>
        )}
      </div>
      {/* Always there for the grid's description; shown on request (the toolbar's Keys button). */}
      <p id="matrix-keys" className="matrix-keys small muted" hidden={!keysShown}>
        ↑↓←→ PgUp/PgDn Ctrl+Home/End move · Enter comment (Esc back) · A approve · F flag · U clear · N / Shift+N next / previous problem
      </p>
    </div>
  );
}

function findRow(target: string, targets: string[], indices: Int32Array | null): number {
  const i = targets.indexOf(target);
  if (!indices || i < 0) return i;
  // Binary search: indices are ascending.
  let lo = 0;
  let hi = indices.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (indices[mid] === i) return mid;
    if (indices[mid]! < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
