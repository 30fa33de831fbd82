// Every parser meets 10,000 generated inputs: it must not throw, must finish, and must return a
// well-formed result. Inputs mix arbitrary text with text built from each format's own tokens,
// so the fuzzing reaches deep into the grammar rather than failing on the first character.
import { describe, test } from 'vitest';
import fc from 'fast-check';
import type { Diagnostic } from '../../shared/diagnostics';
import { toRecord } from '../../shared/campaign/per-user';
import { buildTargets, decodeText, defaultMapping, detectPaste, parseCurl, parseExecuteBody, parseJsonRows, parsePaste, parseProfiles, parseTable } from '../../shared/targets';
import type { ExecuteBodyData, Table } from '../../shared/targets';

const RUNS = 10_000;
const opts = { numRuns: RUNS };

// Plain checks that throw (fast-check then reports and shrinks the input): an expect() per cell
// would dominate the fuzz time.
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`not well-formed: ${what}`);
}

function wellFormedDiagnostics(ds: Diagnostic[]): void {
  for (const d of ds) {
    check(typeof d.code === 'string' && typeof d.message === 'string', 'diagnostic code/message');
    check(d.severity === 'error' || d.severity === 'warning' || d.severity === 'info', 'severity');
    check(d.line === undefined || d.line >= 1, 'line');
    check(d.row === undefined || d.row >= 1, 'row');
  }
}

function wellFormedTable(t: Table): void {
  check(Array.isArray(t.columns), 'columns');
  for (const row of t.rows) {
    check(row.length === t.columns.length, 'row width');
    for (const c of row) check(typeof c === 'string', 'cell type');
  }
  check(!t.rowNumbers || t.rowNumbers.length === t.rows.length, 'rowNumbers');
  check(!t.rowLines || t.rowLines.length === t.rows.length, 'rowLines');
  wellFormedDiagnostics(t.diagnostics);
  // Whatever the table, mapping it must also be safe.
  const built = buildTargets(t, defaultMapping(t, 'email').mapping, { targetBy: 'email' });
  const ids = new Set(built.target);
  check(ids.size === built.target.length, 'unique targets');
  check(!ids.has(''), 'no empty id');
  for (const k of Object.keys(toRecord(built.targetWithParams))) check(ids.has(k), 'params only for targets');
  wellFormedDiagnostics(built.diagnostics);
}

function wellFormedBody(body: ExecuteBodyData | undefined): void {
  if (!body) return;
  check(!Object.prototype.hasOwnProperty.call(body, 'apptoken'), 'no apptoken in body');
  if (body.target !== undefined) for (const id of body.target) check(typeof id === 'string', 'target ids are strings');
  if (body.params !== undefined) check(typeof body.params === 'object' && body.params !== null && !Array.isArray(body.params), 'params object');
  if (body.target_with_params !== undefined) for (const v of Object.values(body.target_with_params)) check(typeof v === 'object' && v !== null && !Array.isArray(v), 'per-user object');
}

// Text made of the characters that matter to each format.
const tokens = (list: string[], maxLength = 60) => fc.array(fc.constantFrom(...list), { maxLength }).map((a) => a.join(''));
const csvText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), tokens([',', ';', '\t', '|', '"', '""', '\r\n', '\n', '\r', 'user_id', 'a', '0', '', ' ', '\ufeff', 'é']));
const jsonToken = ['{', '}', '[', ']', ',', ':', '"', '"id"', '"user_id"', '"a"', '1', '-0.5e+3', '00', 'true', 'null', 'fals', '\\', '\\u00e9', '\\x', ' ', '\n', '"target"', '"params"', '"target_with_params"', '"apptoken"', '"target_by"', '123', '1e999'];
const jsonText = fc.oneof(
  fc.string({ maxLength: 60 }),
  tokens(jsonToken),
  fc.json({ maxDepth: 3 }),
  fc.json({ maxDepth: 3 }).chain((j) => fc.nat({ max: Math.max(0, j.length) }).map((cut) => j.slice(0, cut) + j.slice(cut + 1))),
);
// Light row objects (fc.object is slow to generate) with the keys that matter.
const rowValue = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant({ x: [1] }));
const rowObject = fc.dictionary(fc.constantFrom('id', 'user_id', 'email', 'a', 'b', '__proto__', 'constructor'), rowValue, { maxKeys: 4 });
const bodyObject = fc.record(
  {
    apptoken: fc.oneof(fc.string(), fc.integer(), fc.constant('$XP_APP_TOKEN')),
    id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    target_by: fc.oneof(fc.constantFrom('user_id', 'email', 'mobile_number'), fc.string(), fc.integer()),
    target: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.constant({ id: 'x' })), { maxLength: 6 }), fc.string()),
    params: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), rowValue, { maxKeys: 3 }), fc.array(fc.string())),
    target_with_params: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), rowValue, { maxKeys: 3 }), fc.string(), fc.integer()), { maxKeys: 4 }), fc.string()),
  },
  { requiredKeys: [] },
);
const bodyText = fc.oneof(
  jsonText,
  fc.tuple(bodyObject, fc.nat({ max: 2 })).map(([o, indent]) => JSON.stringify(o, null, indent)),
);
const curlTokens = [
  'curl',
  ' ',
  '\\\n',
  '\\\r\n',
  "'",
  '"',
  "$'",
  '\\n',
  '\\x41',
  '\\u00e9',
  '\\047',
  '-X',
  'POST',
  '-H',
  '--header',
  "'Content-Type: application/json'",
  '"Authorization: Bearer x"',
  '-d',
  '--data',
  '--data-raw',
  '--json',
  '--url',
  'https://x.test/api/external/execute/campaign',
  '?apptoken=t',
  '-sSL',
  '-XPOST',
  '@f',
  '|',
  ';',
  '&&',
  '#',
  '^\n',
  '`\n',
  '{"target":["a",1]',
  '}',
  '"apptoken":"tok"',
  '$VAR',
  '-G',
  '-u',
  'a:b',
];
const curlText = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => 'curl ' + s),
  tokens(curlTokens, 30),
  tokens(curlTokens, 25).map((s) => 'curl ' + s),
  bodyObject.map((o) => `curl https://x.test/api/external/execute/campaign -d '${JSON.stringify(o).replace(/'/g, `'\\''`)}'`),
);

describe('fuzz: parsers never throw and return well-formed results (10,000 inputs each)', () => {
  test('parseTable', () => {
    fc.assert(
      fc.property(csvText, (text) => wellFormedTable(parseTable(text, { file: 'f.csv' }))),
      opts,
    );
  });

  test('parseJsonRows', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          jsonText,
          fc.array(fc.oneof(rowObject, rowValue), { maxLength: 5 }).map((a) => JSON.stringify(a)),
        ),
        (text) => {
          const t = parseJsonRows(text, { file: 'f.json' });
          check(t.delimiter === null, 'JSON tables have no delimiter');
          wellFormedTable(t);
        },
      ),
      opts,
    );
  });

  test('parseExecuteBody', () => {
    fc.assert(
      fc.property(bodyText, (text) => {
        const r = parseExecuteBody(text, { file: 'b.json' });
        wellFormedBody(r.body);
        wellFormedDiagnostics(r.diagnostics);
        // The token is taken out of the body's top level (another value may equal it by chance, or a
        // param may be named apptoken: that is data, not the token).
        if (r.apptoken !== undefined) check(!Object.prototype.hasOwnProperty.call(r.body, 'apptoken'), 'token not in body');
      }),
      opts,
    );
  });

  test('parseCurl', () => {
    fc.assert(
      fc.property(curlText, (text) => {
        const r = parseCurl(text, { file: 'c.sh' });
        for (const [k, v] of Object.entries(r.headers)) check(typeof v === 'string' && k.toLowerCase() !== 'authorization', 'headers');
        wellFormedBody(r.body);
        wellFormedDiagnostics(r.diagnostics);
      }),
      opts,
    );
  });

  test('parseProfiles', () => {
    fc.assert(
      fc.property(fc.oneof(csvText, jsonText), (text) => {
        const r = parseProfiles(text, { file: 'p' });
        for (const v of Object.values(r.profiles)) check(typeof v === 'object' && v !== null, 'profile object');
        wellFormedDiagnostics(r.diagnostics);
      }),
      opts,
    );
  });

  test('decodeText', () => {
    const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x50, 0x4b, 3, 4]);
    fc.assert(
      fc.property(bom, fc.uint8Array({ maxLength: 64 }), (prefix, rest) => {
        const r = decodeText(new Uint8Array([...prefix, ...rest]));
        check(typeof r.text === 'string', 'text');
        check(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'].includes(r.encoding), 'encoding');
        wellFormedDiagnostics(r.diagnostics);
      }),
      opts,
    );
  });

  test('decodeText gives back any text written as UTF-8, UTF-8 with BOM, or UTF-16 LE/BE with BOM', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.startsWith('\ufeff') && !s.includes('\u0000')),
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'),
        (text, enc) => {
          let bytes: Uint8Array;
          if (enc === 'utf-8' || enc === 'utf-8-bom') bytes = new TextEncoder().encode((enc === 'utf-8-bom' ? '\ufeff' : '') + text);
          else {
            const units = '\ufeff' + text;
            bytes = new Uint8Array(units.length * 2);
            for (let i = 0; i < units.length; i++) {
              const u = units.charCodeAt(i);
              bytes[2 * i + (enc === 'utf-16le' ? 0 : 1)] = u & 0xff;
              bytes[2 * i + (enc === 'utf-16le' ? 1 : 0)] = u >> 8;
            }
          }
          const r = decodeText(bytes);
          check(r.text === text, 'round trip');
          check(enc === 'utf-8' || r.encoding === enc, 'encoding');
        },
      ),
      opts,
    );
  });

  test('detectPaste and parsePaste', () => {
    fc.assert(
      fc.property(fc.oneof(csvText, jsonText, curlText), (text) => {
        const kind = detectPaste(text);
        check(['table', 'json-rows', 'execute-body', 'curl'].includes(kind), 'kind');
        check(parsePaste(text).kind === kind, 'parsePaste follows detectPaste');
      }),
      opts,
    );
  });
});
