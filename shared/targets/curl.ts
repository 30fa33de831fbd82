/**
 * A pasted `curl` command (as in the platform's documentation, or Preflight's own "copy as curl")
 * → URL, method, headers and the execute body. Secrets are taken out: the body's `apptoken` and an
 * `Authorization` header are returned separately and never inside `body` or `headers`.
 */
import type { Diagnostic } from '../diagnostics';
import type { ExecuteBodyData } from './types';
import { parseExecuteBodyFrom } from './execute-body';
import { type ShellWord, sourceOffset, splitShellWords } from './shell-words';
import { LineIndex, clip } from './text';
import { EXECUTE_PATH } from '../send/request';

/** What a curl command says about an execute call. */
export interface ParsedCurl {
  url?: string;
  /** The URL without `/api/external/execute/campaign` (the environment's base URL), when it has that path. */
  baseUrl?: string;
  method?: string;
  /** Request headers except `Authorization` (see `authorization`). */
  headers: Record<string, string>;
  /** The execute body without `apptoken`, when the command has one. */
  body?: ExecuteBodyData;
  /** The app token from the body (or URL query): for the secret store, never saved with the body. */
  apptoken?: string;
  /** Set when the token is a shell variable such as `$XP_APP_TOKEN`. */
  apptokenVariable?: string;
  /** The `Authorization` header value (OAuth bearer token): a secret, kept out of `headers`. */
  authorization?: string;
  diagnostics: Diagnostic[];
}

/** The Campaign Execute path; a URL ending in it gives `baseUrl`. */

const DATA_FLAGS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
/** Options that take a value: their value must not be mistaken for the URL. */
const LONG_WITH_VALUE = new Set([
  '--request',
  '--url',
  '--header',
  '--user',
  '--output',
  '--user-agent',
  '--referer',
  '--cookie',
  '--cookie-jar',
  '--max-time',
  '--connect-timeout',
  '--write-out',
  '--proxy',
  '--upload-file',
  '--form',
  '--form-string',
  '--cert',
  '--key',
  '--config',
  '--range',
  '--dump-header',
  '--retry',
  '--retry-delay',
  '--retry-max-time',
  '--oauth2-bearer',
  '--cacert',
  '--capath',
  '--resolve',
  '--connect-to',
  '--interface',
  '--limit-rate',
  '--max-redirs',
  '--proto',
  '--proxy-user',
  '--aws-sigv4',
  '--variable',
  '--expand-data',
  '--trace',
  '--trace-ascii',
  '--stderr',
  '--local-port',
  '--netrc-file',
  '--pinnedpubkey',
  '--ciphers',
  '--cert-type',
  '--key-type',
  '--pass',
  ...DATA_FLAGS,
]);
const SHORT_WITH_VALUE = new Set('XHduoAebcmwxTFEKrDUyYzCtQP'.split(''));
const SHORT_LONG: Record<string, string> = { X: '--request', H: '--header', d: '--data', u: '--user', G: '--get', I: '--head' };

/** Parses a curl command. Unknown options are ignored (with a note); never throws. */
export function parseCurl(text: string, opts: { file?: string } = {}): ParsedCurl {
  const file = opts.file;
  const at = file ? { file } : {};
  const out: ParsedCurl = { headers: {}, diagnostics: [] };
  const diags: Diagnostic[] = [];
  let lines: LineIndex | null = null;
  const placeOf = (offset: number) => {
    lines ??= new LineIndex(text);
    const p = lines.position(offset);
    return { line: p.line, column: p.column };
  };
  const note = (severity: Diagnostic['severity'], code: string, message: string, offset?: number) => diags.push({ code, severity, message, ...(offset !== undefined ? placeOf(offset) : {}), ...at });

  const split = splitShellWords(text, file);
  diags.push(...split.diagnostics);
  const words = split.words;
  let k = 0;
  // Allow a shell prompt before the command.
  while (k < words.length && ((words[k] as ShellWord).value === '$' || (words[k] as ShellWord).value === '>')) k++;
  const cmd = words[k];
  const name = cmd?.value.replace(/^.*[\\/]/, '').toLowerCase();
  if (!cmd || (name !== 'curl' && name !== 'curl.exe')) {
    note('error', 'not-curl', cmd ? `This is not a curl command: it starts with ${clip(cmd.value)}.` : 'The text is empty: expected a curl command.', cmd?.start);
    out.diagnostics = diags;
    return out;
  }

  const data: { word: ShellWord; from: number; flag: string }[] = [];
  let method: { value: string; start: number } | undefined;
  const ignored = new Set<string>();
  const take = (flag: string, word: ShellWord, from: number) => {
    const value = word.value.slice(from);
    switch (flag) {
      case '--request':
        method = { value: value.toUpperCase(), start: word.start };
        break;
      case '--url':
        setUrl(value, word.start);
        break;
      case '--header':
        addHeader(value, word.start);
        break;
      case '--user':
        out.authorization = 'Basic (from --user)';
        note('warning', 'credentials', 'The command passes --user credentials; they were not kept.', word.start);
        break;
      case '--oauth2-bearer':
        out.authorization = `Bearer ${value}`;
        break;
      default:
        if (DATA_FLAGS.has(flag)) data.push({ word, from, flag });
        else ignored.add(flag);
    }
  };
  const setUrl = (value: string, start: number) => {
    if (out.url !== undefined) {
      note('warning', 'extra-url', `The command has more than one URL; ${clip(value, 60)} was ignored.`, start);
      return;
    }
    out.url = value;
  };
  const addHeader = (value: string, start: number) => {
    const colon = value.indexOf(':');
    if (colon <= 0) {
      note('warning', 'bad-header', `The header ${clip(value)} has no "name: value" form; it was ignored.`, start);
      return;
    }
    const hname = value.slice(0, colon).trim();
    const hvalue = value.slice(colon + 1).trim();
    if (hname.toLowerCase() === 'authorization') {
      out.authorization = hvalue;
      note('info', 'authorization-found', 'The Authorization header holds a credential: it was taken out so it is not saved; store it in the environment instead.', start);
      return;
    }
    Object.defineProperty(out.headers, hname, { value: hvalue, enumerable: true, writable: true, configurable: true });
  };

  for (let w = k + 1; w < words.length; w++) {
    const word = words[w] as ShellWord;
    const v = word.value;
    if (v.startsWith('--') && v.length > 2) {
      if (v === '--get') note('warning', 'get', '--get sends the data in the URL; Campaign Execute needs it as a POST body.', word.start);
      if (v === '--json') {
        out.headers['Content-Type'] ??= 'application/json';
        out.headers['Accept'] ??= 'application/json';
      }
      if (LONG_WITH_VALUE.has(v)) {
        const next = words[w + 1];
        if (!next) note('error', 'missing-value', `The option ${v} has no value after it.`, word.start);
        else take(v, next, 0);
        w++;
      } else ignored.add(v);
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let c = 1; c < v.length; c++) {
        const letter = v[c] as string;
        const long = SHORT_LONG[letter] ?? `-${letter}`;
        if (letter === 'G') note('warning', 'get', '-G sends the data in the URL; Campaign Execute needs it as a POST body.', word.start);
        if (!SHORT_WITH_VALUE.has(letter)) {
          ignored.add(`-${letter}`);
          continue;
        }
        if (c + 1 < v.length) take(letter === 'd' ? '-d' : long, word, c + 1);
        else {
          const next = words[w + 1];
          if (!next) note('error', 'missing-value', `The option -${letter} has no value after it.`, word.start);
          else take(letter === 'd' ? '-d' : long, next, 0);
          w++;
        }
        break;
      }
      continue;
    }
    setUrl(v, word.start);
  }

  if (out.url === undefined) note('warning', 'no-url', 'The command has no URL.');
  else checkUrl(out, note);
  if (ignored.size > 0) note('info', 'ignored-options', `These options do not affect the request body and were ignored: ${[...ignored].join(' ')}.`);
  readBody(text, file, data, out, note, diags);
  const m = method as { value: string; start: number } | undefined;
  out.method = m ? m.value : data.length > 0 ? 'POST' : 'GET';
  if (out.method !== 'POST') note('warning', 'method', `The method is ${out.method}; Campaign Execute calls are POST.`, m?.start);
  out.diagnostics = diags;
  return out;
}

type Note = (severity: Diagnostic['severity'], code: string, message: string, offset?: number) => void;

function checkUrl(out: ParsedCurl, note: Note): void {
  let url = out.url as string;
  // An app token in the query string is as secret as one in the body.
  const q = url.indexOf('?');
  if (q !== -1) {
    const params = url.slice(q + 1).split('&');
    const kept = params.filter((p) => {
      const [k, v = ''] = p.split('=');
      if (k !== 'apptoken') return true;
      try {
        out.apptoken = decodeURIComponent(v);
      } catch {
        out.apptoken = v;
      }
      note('info', 'apptoken-found', 'The URL contains an app token: it was taken out so it is not saved; store it in the environment instead.');
      return false;
    });
    url = url.slice(0, q) + (kept.length > 0 ? '?' + kept.join('&') : '');
    out.url = url;
  }
  const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (path.endsWith(EXECUTE_PATH)) out.baseUrl = path.slice(0, -EXECUTE_PATH.length);
  else note('warning', 'not-execute-url', `The URL ${clip(url, 80)} is not a Campaign Execute endpoint (…${EXECUTE_PATH}).`);
  if (!/^https?:\/\//i.test(url)) note('warning', 'bad-url', `The URL ${clip(url, 80)} does not start with https://.`);
}

function readBody(text: string, file: string | undefined, data: { word: ShellWord; from: number; flag: string }[], out: ParsedCurl, note: Note, diags: Diagnostic[]): void {
  if (data.length === 0) {
    note('warning', 'no-body', 'The command sends no body (--data), so there are no targets or params to import.');
    return;
  }
  const first = data[0] as { word: ShellWord; from: number; flag: string };
  if (data.length > 1) note('warning', 'several-bodies', `The command has ${data.length} --data options; curl joins them with "&", which is not JSON. Only the first was read.`, (data[1] as { word: ShellWord }).word.start);
  const value = first.word.value.slice(first.from);
  if (first.flag !== '--data-raw' && value.startsWith('@')) {
    note('error', 'body-from-file', `The body is read from the file ${clip(value.slice(1))}; paste that file's content instead.`, first.word.start);
    return;
  }
  if (first.flag === '--data-urlencode') note('warning', 'urlencoded', '--data-urlencode sends form data, not the JSON body Campaign Execute expects.', first.word.start);
  // Curl's -d/--data strips CR and LF from the data; JSON does not care, but positions would shift, so read it as written.
  const parsed = parseExecuteBodyFrom(value, { text, toSource: (o) => sourceOffset(first.word, o + first.from) }, file);
  diags.push(...parsed.diagnostics);
  out.body = parsed.body;
  if (parsed.apptoken !== undefined) out.apptoken = parsed.apptoken;
  if (parsed.apptokenVariable !== undefined) out.apptokenVariable = parsed.apptokenVariable;
}
