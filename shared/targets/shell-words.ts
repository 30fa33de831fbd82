/**
 * Splits a pasted shell command into words the way bash would for the quoting people use in curl
 * commands: backslash-newline continuations, '…', "…" and $'…', backslash escapes. Each word
 * remembers where its characters came from, so a JSON error in `--data '…'` names the line of
 * the pasted command. Stops at an unquoted `|`, `;`, `&&` or `||` (e.g. `curl … | jq .`).
 */
import type { Diagnostic } from '../diagnostics';
import { LineIndex } from './text';

/** One shell word, with a map from its characters back to source offsets. */
export interface ShellWord {
  value: string;
  /** Source offset of the word's first character. */
  start: number;
  /** `[valueIndex, sourceOffset]` pairs, ascending: runs copied verbatim map linearly. */
  segments: Array<[number, number]>;
}

/** Source offset of character `index` of a word (past the end maps past its last run). */
export function sourceOffset(word: ShellWord, index: number): number {
  const segs = word.segments;
  let lo = 0;
  let hi = segs.length - 1;
  if (hi < 0) return word.start;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segs[mid] as [number, number])[0] <= index) lo = mid;
    else hi = mid - 1;
  }
  const [v, s] = segs[lo] as [number, number];
  return s + Math.max(0, index - v);
}

const ANSI: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Splits `text` into shell words; unterminated quotes are reported and run to the end. Never throws. */
export function splitShellWords(text: string, file?: string): { words: ShellWord[]; diagnostics: Diagnostic[] } {
  const words: ShellWord[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = text.length;
  let i = 0;
  let cur: ShellWord | null = null;
  let lines: LineIndex | null = null;
  const at = (offset: number) => {
    lines ??= new LineIndex(text);
    return lines.position(offset);
  };
  const word = (start: number): ShellWord => (cur ??= { value: '', start, segments: [] });
  // Appends text[from, to) verbatim as one mapped run.
  const run = (w: ShellWord, from: number, to: number) => {
    if (to <= from) return;
    w.segments.push([w.value.length, from]);
    w.value += text.slice(from, to);
  };
  const one = (w: ShellWord, ch: string, src: number) => {
    w.segments.push([w.value.length, src]);
    w.value += ch;
  };
  const unterminated = (open: number, kind: string) => {
    const p = at(open);
    diagnostics.push({ code: 'unterminated-quote', severity: 'warning', message: `The ${kind} quote opened at line ${p.line}, column ${p.column} is never closed; everything after it was read as part of that argument.`, line: p.line, column: p.column, ...(file ? { file } : {}) });
  };

  while (i < n) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (cur) words.push(cur);
      cur = null;
      i++;
      continue;
    }
    // Windows cmd (^) and PowerShell (`) line continuations, as pasted from their "copy as curl".
    if ((c === '^' || c === '`') && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next === '\r' && text[i + 2] === '\n') {
        i += 3;
        continue;
      }
      if (next === undefined) {
        i++;
        continue;
      }
      one(word(i), next, i + 1);
      i += 2;
      continue;
    }
    if (c === "'") {
      const w = word(i);
      const close = text.indexOf("'", i + 1);
      if (close === -1) {
        unterminated(i, 'single');
        run(w, i + 1, n);
        i = n;
      } else {
        run(w, i + 1, close); // `''` still creates the (empty) word via word(i)
        i = close + 1;
      }
      continue;
    }
    if (c === '$' && text[i + 1] === "'") {
      i = ansiQuoted(text, i, word(i), one, run, unterminated);
      continue;
    }
    if (c === '"' || (c === '$' && text[i + 1] === '"')) {
      const open = c === '$' ? i + 1 : i;
      const w = word(i);
      let j = open + 1;
      let runStart = j;
      let closed = false;
      while (j < n) {
        const d = text[j];
        if (d === '"') {
          closed = true;
          break;
        }
        if (d === '\\') {
          const e = text[j + 1];
          if (e === '$' || e === '`' || e === '"' || e === '\\') {
            run(w, runStart, j);
            one(w, e, j + 1);
            j += 2;
            runStart = j;
            continue;
          }
          if (e === '\n') {
            run(w, runStart, j);
            j += 2;
            runStart = j;
            continue;
          }
        }
        j++;
      }
      run(w, runStart, j);
      if (!closed) unterminated(open, 'double');
      i = closed ? j + 1 : n;
      continue;
    }
    if (!cur && c === '#') {
      // A comment runs to the end of the line.
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? n : nl;
      continue;
    }
    if (c === '|' || c === ';' || (c === '&' && text[i + 1] === '&')) {
      break;
    }
    // A plain run up to the next special character.
    const w = word(i);
    let j = i;
    while (j < n) {
      const d = text[j];
      if (
        d === ' ' ||
        d === '\t' ||
        d === '\n' ||
        d === '\r' ||
        d === '\\' ||
        d === "'" ||
        d === '"' ||
        d === '|' ||
        d === ';' ||
        ((d === '^' || d === '`') && (text[j + 1] === '\n' || text[j + 1] === '\r')) ||
        (d === '$' && (text[j + 1] === "'" || text[j + 1] === '"')) ||
        (d === '&' && text[j + 1] === '&')
      )
        break;
      j++;
    }
    if (j === i) j++; // never stall on a character no branch above consumed
    run(w, i, j);
    i = j;
  }
  if (cur) words.push(cur);
  return { words, diagnostics };
}

function ansiQuoted(text: string, i: number, w: ShellWord, one: (w: ShellWord, ch: string, src: number) => void, run: (w: ShellWord, from: number, to: number) => void, unterminated: (open: number, kind: string) => void): number {
  const n = text.length;
  let j = i + 2;
  let runStart = j;
  while (j < n) {
    const d = text[j] as string;
    if (d === "'") {
      run(w, runStart, j);
      return j + 1;
    }
    if (d !== '\\' || j + 1 >= n) {
      j++;
      continue;
    }
    run(w, runStart, j);
    const e = text[j + 1] as string;
    let ch = '\\';
    let len = 1;
    if (e in ANSI) {
      ch = ANSI[e] as string;
      len = 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const max = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const m = new RegExp(`^[0-9a-fA-F]{1,${max}}`).exec(text.slice(j + 2, j + 2 + max));
      const cp = m ? parseInt(m[0], 16) : NaN;
      if (m && cp <= 0x10ffff) {
        ch = String.fromCodePoint(cp);
        len = 2 + m[0].length;
      }
    } else if (e >= '0' && e <= '7') {
      const m = /^[0-7]{1,3}/.exec(text.slice(j + 1, j + 4)) as RegExpExecArray;
      ch = String.fromCharCode(parseInt(m[0], 8) & 0xff);
      len = 1 + m[0].length;
    }
    one(w, ch, j);
    j += len;
    runStart = j;
  }
  run(w, runStart, n);
  unterminated(i + 1, "ANSI-C ($'…')");
  return n;
}
