import { useLayoutEffect, useRef, useState } from 'react';
import { useUi } from '../../stores/ui';

const HEIGHT = 460;

/**
 * The email's sandboxed frame at its real width (600 or 375 px). Where the pane is narrower, "fit"
 * scales the whole frame down to the pane and says by how much; "actual size" keeps it 1:1 in a
 * box that scrolls sideways (focusable, so the keyboard can scroll it too).
 */
export function EmailFrame({ doc, width, title }: { doc: string; width: number; title: string }) {
  const fit = useUi((s) => s.emailFit);
  const outer = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState(width + 2);
  useLayoutEffect(() => {
    const el = outer.current;
    if (!el) return;
    const measure = () => setRoom(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const scale = fit === 'fit' && width + 2 > room ? Math.max(0.2, (room - 2) / width) : 1;
  const scaled = scale < 1;
  const scrolls = !scaled && width + 2 > room;
  return (
    <div ref={outer} className="email-frame-outer">
      <p className="email-scale small muted" data-testid="email-scale">
        {scaled ? `${width} px shown at ${Math.round(scale * 100)} % to fit the pane` : `${width} px at actual size${scrolls ? ' (scroll sideways)' : ''}`}
      </p>
      <div
        className={`frame-wrap${scaled ? ' scaled' : ''}`}
        data-testid="email-frame-wrap"
        style={scaled ? { width: width * scale + 2, height: HEIGHT * scale + 2 } : { width: width + 2 }}
        {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': `${title}, actual size` } : {})}
      >
        {/* sandbox="" : no scripts, no same-origin, no forms, no popups, no top navigation. */}
        {/* A new frame per document (key): re-navigating one sandboxed srcdoc frame sometimes left it blank. */}
        <iframe key={doc} title={title} sandbox="" referrerPolicy="no-referrer" srcDoc={doc} style={{ width, height: HEIGHT, ...(scaled ? { transform: `scale(${scale})`, transformOrigin: '0 0' } : {}) }} data-testid="email-frame" />
      </div>
    </div>
  );
}
