import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/**
 * A pane divider: drag with the pointer, or focus it and use the arrow keys (Shift for bigger steps).
 * `sign` says whether moving right/down grows (+1) or shrinks (-1) the pane it sizes.
 */
export function Splitter({ orientation, size, onSize, label, sign = 1, min, max }: { orientation: 'vertical' | 'horizontal'; size: number; onSize(n: number): void; label: string; sign?: 1 | -1; min: number; max: number }) {
  const start = useRef<{ pos: number; size: number } | null>(null);
  const horizontal = orientation === 'horizontal';
  const onPointerDown = (e: PointerEvent) => {
    (e.target as HTMLElement).setPointerCapture(e.pointerId);
    start.current = { pos: horizontal ? e.clientY : e.clientX, size };
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!start.current) return;
    onSize(start.current.size + sign * ((horizontal ? e.clientY : e.clientX) - start.current.pos));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 50 : 10;
    const grow = horizontal ? { ArrowDown: 1, ArrowUp: -1 } : { ArrowRight: 1, ArrowLeft: -1 };
    const d = grow[e.key as keyof typeof grow];
    if (d) {
      e.preventDefault();
      onSize(size + sign * d * step);
    }
  };
  return (
    <div
      role="separator"
      aria-orientation={horizontal ? 'horizontal' : 'vertical'}
      aria-label={label}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter splitter-${orientation}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
