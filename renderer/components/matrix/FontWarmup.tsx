/**
 * Lays out, once at start and out of sight, a matrix cell in each of its text styles with a sample
 * of what messages hold beyond plain letters: an emoji, currency signs and the review marks.
 *
 * Chromium finds and loads each system typeface (at each weight and size) by asking the browser
 * process, one synchronous request at a time. Left to the first real rows, those requests came in
 * the middle of a million-user scan, with both cores busy: the first rows' layout took 117 ms, of
 * which 14 ms was work and the rest waiting for the answers. Warmed while the app starts, it took
 * 29 ms (scripts/bench-frames.mjs). It stays mounted, hidden from sight and from assistive technology.
 */
const SAMPLE = 'Aa 09 🎉 € £ ✓ ⚑ ⚠ …';

export function FontWarmup() {
  return (
    <div className="font-warmup" aria-hidden="true">
      <div className="mhead">
        <span className="mtarget">{SAMPLE}</span>
      </div>
      <div className="mcell">
        <div className="mtext">
          <span className="mtitle field-value">{SAMPLE}</span> <span className="mpre field-value">{SAMPLE}</span> <span className="field-value">{SAMPLE}</span>
        </div>
        <div className="mfoot">
          <span className="msender">{SAMPLE}</span>
          <span className="mmetrics">{SAMPLE}</span>
          <span className="badge badge-warning">{SAMPLE}</span>
        </div>
      </div>
    </div>
  );
}
