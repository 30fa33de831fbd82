import { VALUE_SOURCE_LABELS, type ValueSource } from '../../../shared/campaign/send-data';
import type { Segment } from '../../workers/render-protocol';

export const SOURCE_LABELS: Readonly<Record<ValueSource, string>> = VALUE_SOURCE_LABELS;

/** Wraps the given characters (e.g. those forcing UCS-2) in <mark>. */
function markChars(text: string, chars: ReadonlySet<string> | undefined, keyBase: string) {
  if (!chars?.size) return text;
  const out: (string | React.ReactElement)[] = [];
  let buf = '';
  let i = 0;
  for (const ch of text) {
    if (chars.has(ch)) {
      if (buf) out.push(buf);
      buf = '';
      out.push(
        <mark key={`${keyBase}-${i++}`} className="ucs2" title="forces UCS-2">
          {ch}
        </mark>,
      );
    } else buf += ch;
  }
  if (buf) out.push(buf);
  return out;
}

/**
 * Rendered text, optionally with each value highlighted by its source (segments from the worker's
 * sentinel render) and characters of interest marked. Without segments it prints `text` as is.
 */
export function ProvenanceText({ text, segments, mark, testId }: { text: string; segments?: Segment[]; mark?: ReadonlySet<string>; testId?: string }) {
  if (!segments) return <span data-testid={testId}>{markChars(text, mark, 't')}</span>;
  return (
    <span data-testid={testId}>
      {segments.map((s, i) =>
        s.attr ? (
          <span key={i} className={`src src-${s.source}`} title={`${s.attr}: ${SOURCE_LABELS[s.source ?? 'empty']}`} data-source={s.source}>
            {s.text === '' ? <span className="src-empty-pill">∅ {s.attr}</span> : markChars(s.text, mark, `s${i}`)}
          </span>
        ) : (
          <span key={i}>{markChars(s.text, mark, `l${i}`)}</span>
        ),
      )}
    </span>
  );
}

/** The legend of source colours. */
export function ProvenanceLegend() {
  return (
    <div className="legend" aria-label="Value sources" data-testid="provenance-legend">
      {(Object.keys(SOURCE_LABELS) as ValueSource[]).map((s) => (
        <span key={s} className={`src src-${s}`}>
          {SOURCE_LABELS[s]}
        </span>
      ))}
    </div>
  );
}
