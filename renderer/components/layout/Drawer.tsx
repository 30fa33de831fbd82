import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A panel that slides over the preview column instead of pushing the matrix down: campaign checks,
 * the last send's result. It is a labelled region (not modal: the matrix stays usable beside it)
 * that scrolls as a whole under a sticky title (so its close button is what keyboard users scroll
 * it with); × or Esc closes it and gives the focus back to what opened it.
 */
export function Drawer({ id, title, onClose, testId, width, children }: { id: string; title: string; onClose(): void; testId: string; width: number; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = document.activeElement;
    // Focus moves in only when a person opened it from a control; a drawer that opens by itself
    // (a send that finished) leaves the focus where it was.
    if (opener.current && opener.current !== document.body && opener.current.closest('[data-opens-drawer]')) ref.current?.focus({ preventScroll: true });
    return () => {
      const back = opener.current as HTMLElement | null;
      if (back && back.isConnected && ref.current?.contains(document.activeElement)) back.focus({ preventScroll: true });
    };
  }, []);
  const close = () => {
    const back = opener.current as HTMLElement | null;
    onClose();
    if (back?.isConnected && back.closest('[data-opens-drawer]')) back.focus({ preventScroll: true });
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
