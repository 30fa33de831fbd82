import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A panel that slides over the preview column instead of pushing the matrix down: campaign checks,
 * the last send's result. It is a labelled region (not modal: the matrix stays usable beside it)
 * that scrolls as a whole under a sticky title (so its close button is what keyboard users scroll
 * it with); × or Esc closes it and gives the focus back to what opened it.
 */
export function Drawer({ id, title, onClose, testId, width, children }: { id: string; title: string; onClose(): void; testId: string; width: number; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    // Focus moves in only when a person opened it from its button; a drawer that opens by itself
    // (a send that finished) leaves the focus where it was.
    if (active instanceof HTMLElement && active.closest('[data-opens-drawer]')) {
      opener.current = active;
      ref.current?.focus({ preventScroll: true });
    }
  }, []);
  const close = () => {
    const focusInside = !!ref.current?.contains(document.activeElement);
    onClose();
    // Back to the button that opened it, or (focus would otherwise fall to the page) to the matrix.
    const back = opener.current?.isConnected ? opener.current : focusInside ? (document.getElementById('review-matrix') ?? document.getElementById('main')) : null;
    back?.focus({ preventScroll: true });
  };
  return (
    <section
      ref={ref}
      id={id}
      className="drawer"
      role="region"
      aria-label={title}
      tabIndex={-1}
      data-testid={testId}
      style={{ width }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <header className="drawer-head">
        <h2>{title}</h2>
        <button className="drawer-close" onClick={close} aria-label={`Close ${title.toLowerCase()}`} title="Close (Esc)">
          ×
        </button>
      </header>
      {children}
    </section>
  );
}
