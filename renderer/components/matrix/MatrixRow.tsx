import { memo } from 'react';
import type { CampaignNode } from '../../../shared/campaign/model';
import { useRow } from '../../stores/renders';
import { useUi } from '../../stores/ui';
import { MatrixCell } from './MatrixCell';

/** Stable DOM id of a cell (for aria-activedescendant). */
export const cellId = (row: number, col: number) => `mcell-${row}-${col}`;

/** One user's row: the id (with a compare checkbox) and a cell per node. Re-renders only when its own renders change. */
export const MatrixRow = memo(function MatrixRow({ target, row, nodes, top, height, activeCol, severity }: { target: string; row: number; nodes: CampaignNode[]; top: number; height: number; activeCol: number; severity: number }) {
  const renders = useRow(target);
  const comparing = useUi((s) => s.compare.targets.includes(target));
  const toggle = useUi((s) => s.toggleCompareTarget);
  return (
    <div role="row" aria-rowindex={row + 2} className="mrow" style={{ transform: `translateY(${top}px)`, height }} data-testid={`row-${target}`}>
      <div role="rowheader" className="mhead">
        <label className="compare-pick" title="Pick for side-by-side">
          <input type="checkbox" checked={comparing} onChange={() => toggle(target)} aria-label={`Compare ${target}`} tabIndex={-1} />
        </label>
        <span className="mtarget">{target}</span>
        {severity & 4 ? <span className="dot dot-error" title="has errors" /> : severity & 2 ? <span className="dot dot-warning" title="has warnings" /> : null}
      </div>
      {nodes.map((n, col) => (
        <MatrixCell key={n.key} id={cellId(row, col)} render={renders?.find((r) => r.node === n.key)} target={target} node={n.key} active={col === activeCol} />
      ))}
    </div>
  );
});
