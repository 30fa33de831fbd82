import { useMemo, useRef } from 'react';
import type { SendData } from '../../../shared/campaign/send-data';
import { isTableValues, ownValues, perUserKeys } from '../../../shared/campaign/per-user';
import { useRowWindow } from '../../hooks/useRowWindow';

const ROW = 20;
/** Per-user columns are collected from the first users only: enough to show, cheap at 100,000. */
const SCAN = 2000;

function cellText(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

/** The targets and their per-user values in a small virtualised grid (every target, rendered on demand). */
export function TargetsGrid({ data }: { data: SendData }) {
  const keys = useMemo(() => {
    const twp = data.target_with_params;
    // A table import's columns are known up front; keyed objects are sampled.
    if (isTableValues(twp)) return [...perUserKeys(twp)];
    const seen = new Set<string>();
    const n = Math.min(data.target.length, SCAN);
    for (let i = 0; i < n; i++) {
      const own = ownValues(twp, data.target[i] as string);
      if (own) for (const k of Object.keys(own)) seen.add(k);
    }
    return [...seen];
  }, [data]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The sticky header is one row high: the rows show in the scroller's height less one row.
  const win = useRowWindow({ count: data.target.length, rowHeight: ROW, scrollRef, inset: ROW, overscan: 10 });
  const cols = `56px minmax(120px, 1.2fr) ${keys.map(() => 'minmax(90px, 1fr)').join(' ')}`;
  return (
    <div className="tgrid" ref={scrollRef} data-testid="targets-grid" role="table" aria-label="Targets" aria-rowcount={data.target.length + 1}>
      <div className="tgrid-row tgrid-head" style={{ gridTemplateColumns: cols, position: 'sticky', height: ROW }} role="row">
        <span className="tgrid-num" role="columnheader">
          #
        </span>
        <span role="columnheader">{data.target_by}</span>
        {keys.map((k) => (
          <span key={k} role="columnheader" title="per-user param">
            {k}
          </span>
        ))}
      </div>
      <div style={{ height: win.spacer, position: 'relative' }}>
        {win.rows.map(({ index, top }) => {
          const id = data.target[index] as string;
          const own = ownValues(data.target_with_params, id);
          return (
            <div key={index} className="tgrid-row" role="row" data-testid={`target-row-${index}`} style={{ gridTemplateColumns: cols, transform: `translateY(${top}px)`, height: ROW }}>
              <span className="tgrid-num" role="cell">
                {index + 1}
              </span>
              <span title={id} role="cell">
                {id}
              </span>
              {keys.map((k) => {
                const t = cellText(own?.[k]);
                return (
                  <span key={k} title={t} role="cell">
                    {t}
                  </span>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
