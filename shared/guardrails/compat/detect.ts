/**
 * Which caniemail features a piece of email HTML uses. The detectors are derived from the feature
 * titles of the bundled data, the way the `caniemail` package derives its own (a title such as
 * `border-radius`, `display:flex`, `<table> element`, `rem unit`, `:hover` names what to look
 * for), so a data update brings its new features with it; the few titles that name nothing in the
 * HTML are listed in UNDETECTABLE with the reason. Where the package's rules are known to miss or
 * over-match, these are stricter (docs/email-qa.md lists the differences).
 */
import { parseDeclarations, parseStylesheet, type Declaration } from './css';
import { attr, hasAttr, type Tag } from './markup';

/** A feature found, with its line (0-based, relative to the piece it was found in). */
export interface Hit {
  title: string;
  line: number;
}

/** Features of the data that no HTML or CSS shows, and why they are not checked. */
export const UNDETECTABLE: Readonly<Record<string, string>> = {
  BIMI: 'a DNS record and a certificate, not part of the HTML',
  'HDR image format': 'a property of the image file, not of the HTML',
};

interface Detectors {
  propExact: Map<string, string[]>;
  /** Titles for a property and its longhands (`margin` also for `margin-top`). */
  propFamily: Map<string, string[]>;
  functions: Map<string, string[]>;
  pairs: Map<string, string[]>;
  valueWords: Map<string, string[]>;
  units: Map<string, string[]>;
  atRules: Map<string, string[]>;
  mediaFeatures: [RegExp, string][];
  pseudo: Map<string, string[]>;
  selectorKinds: Map<string, string>;
  elements: Map<string, string[]>;
  attributes: Map<string, string[]>;
  elementAttr: { element: string; test: (t: Tag) => boolean; title: string }[];
  imageFormats: Map<string, string>;
  undetected: string[];
}

const push = (m: Map<string, string[]>, k: string, title: string) => {
  const l = m.get(k);
  if (l) {
    if (!l.includes(title)) l.push(title);
  } else m.set(k, [title]);
};

/** Property lists caniemail's titles stand for (as the `caniemail` package reads them). */
const PROPERTY_LISTS: Record<string, string[]> = {
  'block-size & inline-size': ['block-size', 'inline-size'],
  'border-inline & border-block': ['border-inline', 'border-block'],
  'border-inline & border-block individual logical properties': [
    'border-block-end',
    'border-block-start',
    'border-inline-end',
    'border-inline-start',
    'border-inline-color',
    'border-block-color',
    'border-inline-style',
    'border-block-style',
    'border-inline-width',
    'border-block-width',
  ],
  'border-inline & border-block longhand properties': [
    'border-block-start-color',
    'border-block-start-style',
    'border-block-start-width',
    'border-block-end-color',
    'border-block-end-style',
    'border-block-end-width',
    'border-inline-start-color',
    'border-inline-start-style',
    'border-inline-start-width',
    'border-inline-end-color',
    'border-inline-end-style',
    'border-inline-end-width',
  ],
  'border-radius logical properties': ['border-end-end-radius', 'border-end-start-radius', 'border-start-end-radius', 'border-start-start-radius'],
  'color-scheme CSS property': ['color-scheme'],
  'css column properties': ['column-count', 'column-fill', 'column-gap', 'column-rule', 'column-rule-color', 'column-rule-style', 'column-rule-width', 'column-span', 'column-width', 'columns'],
  'gap, column-gap, row-gap': ['column-gap', 'gap', 'row-gap'],
  'grid-template-* properties': ['grid-template', 'grid-template-areas', 'grid-template-columns', 'grid-template-rows'],
  'margin-block-start & margin-block-end': ['margin-block-end', 'margin-block-start'],
  'margin-inline & margin-block': ['margin-block', 'margin-inline'],
  'margin-inline-start & margin-inline-end': ['margin-inline-end', 'margin-inline-start'],
  'padding-block-start & padding-block-end': ['padding-block-end', 'padding-block-start'],
  'padding-inline & padding-block': ['padding-block', 'padding-inline'],
  'padding-inline-start & padding-inline-end': ['padding-inline-end', 'padding-inline-start'],
  'left, right, top, bottom': ['left', 'right', 'top', 'bottom'],
  inset: ['inset', 'inset-block', 'inset-inline', 'inset-block-start', 'inset-block-end', 'inset-inline-start', 'inset-inline-end'],
};

const VALUE_WORDS: Record<string, string[]> = {
  'fit-content, min-content, max-content': ['fit-content', 'max-content', 'min-content'],
  'system-ui, ui-serif, ui-sans-serif, ui-rounded, ui-monospace': ['system-ui', 'ui-monospace', 'ui-rounded', 'ui-sans-serif', 'ui-serif'],
};

/** Structural selector features, by the kind the selector reader reports. */
const SELECTOR_KINDS: Record<string, string> = {
  'Adjacent sibling combinator': 'adjacent',
  'Attribute selector': 'attribute',
  'Chaining selectors': 'chain',
  'Child combinator': 'child',
  'Class selector': 'class',
  'Descendant combinator': 'descendant',
  'General sibling combinator': 'sibling',
  'Grouping selectors': 'group',
  'ID selector': 'id',
  'Type selector': 'type',
  'Universal selector *': 'universal',
  'CSS Nesting': 'nesting',
};

const ELEMENT_LISTS: Record<string, string[]> = {
  address: ['address'],
  'HTML5 semantics': ['article', 'aside', 'details', 'figcaption', 'figure', 'footer', 'header', 'main', 'mark', 'nav', 'section', 'summary', 'time'],
  'Image maps': ['map'],
  'Embedded <svg> image': ['svg'],
  '<h1> to <h6> elements': ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  '<ul>, <ol> and <dl>': ['ul', 'ol', 'dl'],
};

/** Image formats by file extension, and by the MIME type of a `data:` URL. */
const FORMATS: Record<string, string> = {
  apng: 'Animated PNG image format',
  avif: 'AVIF image format',
  bmp: 'BMP image format',
  gif: 'GIF image format',
  heic: 'HEIF image format',
  heif: 'HEIF image format',
  ico: 'ICO image format',
  jpeg: 'JPG image format',
  jpg: 'JPG image format',
  png: 'PNG image format',
  svg: 'SVG image format',
  tif: 'TIFF image format',
  tiff: 'TIFF image format',
  webp: 'webP image format',
  mp4: 'Video as Image Assets',
  webm: 'Video as Image Assets',
  mov: 'Video as Image Assets',
  'image/apng': 'Animated PNG image format',
  'image/avif': 'AVIF image format',
  'image/bmp': 'BMP image format',
  'image/gif': 'GIF image format',
  'image/heic': 'HEIF image format',
  'image/heif': 'HEIF image format',
  'image/jpeg': 'JPG image format',
  'image/jpg': 'JPG image format',
  'image/png': 'PNG image format',
  'image/svg+xml': 'SVG image format',
  'image/tiff': 'TIFF image format',
  'image/vnd.microsoft.icon': 'ICO image format',
  'image/webp': 'webP image format',
};

/** Builds the detectors for a list of feature titles (the data's). */
export function buildDetectors(titles: readonly string[]): Detectors {
  const d: Detectors = {
    propExact: new Map(),
    propFamily: new Map(),
    functions: new Map(),
    pairs: new Map(),
    valueWords: new Map(),
    units: new Map(),
    atRules: new Map(),
    mediaFeatures: [],
    pseudo: new Map(),
    selectorKinds: new Map(),
    elements: new Map(),
    attributes: new Map(),
    elementAttr: [],
    imageFormats: new Map(),
    undetected: [],
  };
  const known = new Set(titles);
  for (const [k, title] of Object.entries(FORMATS)) if (known.has(title)) d.imageFormats.set(k, title);
  for (const raw of titles) {
    const title = raw.trim();
    let found = true;
    let m: RegExpExecArray | null;
    if (PROPERTY_LISTS[title]) for (const p of PROPERTY_LISTS[title]!) push(d.propExact, p, raw);
    else if (VALUE_WORDS[title]) for (const w of VALUE_WORDS[title]!) push(d.valueWords, w, raw);
    else if (SELECTOR_KINDS[title]) d.selectorKinds.set(SELECTOR_KINDS[title]!, raw);
    else if (ELEMENT_LISTS[title]) for (const e of ELEMENT_LISTS[title]!) push(d.elements, e, raw);
    else if (title === 'CSS Variables (Custom Properties)') push(d.functions, 'var', raw);
    else if (title === '!important keyword') push(d.pairs, '!important', raw);
    else if (title === 'CSS comments' || title === 'HTML comments' || title === 'HTML5 doctype' || title === 'Base 64 image format') push(d.elements, `#${title}`, raw);
    else if (/^@media \((.+)\)$/.test(title) || /^@media \((.+)\), @media \((.+)\)$/.test(title)) {
      const names = title.match(/\(([^)]+)\)/g)!.map((s) => s.slice(1, -1).replace(/^-webkit-/, ''));
      d.mediaFeatures.push([new RegExp(`\\((?:-webkit-)?(?:min-|max-)?(?:${names.join('|')})\\s*[:)]`, 'i'), raw]);
    } else if ((m = /^@([a-z-]+)$/.exec(title))) push(d.atRules, m[1]!, raw);
    else if ((m = /^([a-z-]+):\s*([a-z-]+)$/.exec(title))) push(d.pairs, `${m[1]}:${m[2]}`, raw);
    else if (/^::?[a-z-]+(\(\))?$/.test(title) || title === 'lang()') {
      const name = title.replace(/\(\)$/, '').replace(/^(?!:)/, ':');
      push(d.pseudo, name, raw);
      // The CSS2 single-colon spelling of the old pseudo-elements is the same feature.
      if (/^::(after|before|first-letter|first-line)$/.test(name)) push(d.pseudo, name.slice(1), raw);
    } else if (title.includes('()')) for (const f of title.matchAll(/([a-z-]+)\(\)/g)) push(d.functions, f[1]!, raw);
    else if ((m = /^(\S+) unit$/.exec(title))) push(d.units, m[1]!, raw);
    else if ((m = /^<(\w+) (\w+)="(\w+)"> element$/.exec(title))) {
      const [, element, name, value] = m as unknown as [string, string, string, string];
      d.elementAttr.push({ element, title: raw, test: (t) => attr(t, name)?.toLowerCase() === value });
    } else if (title === 'Local anchors') d.elementAttr.push({ element: 'a', title: raw, test: (t) => /^#./.test(attr(t, 'href') ?? '') || hasAttr(t, 'name') });
    else if (title === 'mailto: links') d.elementAttr.push({ element: 'a', title: raw, test: (t) => /^\s*mailto:/i.test(attr(t, 'href') ?? '') });
    else if (title === 'color-scheme meta tag') d.elementAttr.push({ element: 'meta', title: raw, test: (t) => attr(t, 'name')?.toLowerCase() === 'color-scheme' });
    else if (title === 'AMP for Email') d.elementAttr.push({ element: 'html', title: raw, test: (t) => hasAttr(t, '⚡4email') || hasAttr(t, 'amp4email') || hasAttr(t, '⚡') });
    else if (title === 'srcset and sizes attributes') {
      push(d.attributes, 'srcset', raw);
      push(d.attributes, 'sizes', raw);
    } else if ((m = /^([a-z-]+) attribute$/.exec(title))) push(d.attributes, m[1]!, raw);
    else if ((m = /^<(\w+)>( element)?$/.exec(title))) push(d.elements, m[1]!.toLowerCase(), raw);
    else if ((m = /^([a-z-]+?)( shorthand| property)?$/.exec(title))) {
      // `font shorthand` is the `font` property only; other titles also stand for their longhands.
      push(m[2] === ' shorthand' ? d.propExact : d.propFamily, m[1]!, raw);
    } else if (![...d.imageFormats.values()].includes(raw)) found = false;
    if (!found) d.undetected.push(raw);
  }
  return d;
}

/** The titles for a property: exact ones, else the nearest family (`margin-top` → margin). */
function propertyTitles(d: Detectors, p: string): string[] | undefined {
  const exact = d.propExact.get(p);
  const own = d.propFamily.get(p);
  if (exact || own) return exact && own ? [...exact, ...own] : (exact ?? own);
  if (p.startsWith('-')) return undefined;
  // Longhands of the corner radii belong to border-radius, not to border.
  if (/^border-(top|bottom)-(left|right)-radius$/.test(p)) return d.propFamily.get('border-radius');
  for (let i = p.lastIndexOf('-'); i > 0; i = p.lastIndexOf('-', i - 1)) {
    const f = d.propFamily.get(p.slice(0, i));
    if (f) return f;
  }
  return undefined;
}

const STRINGS_AND_URLS = /url\([^)]*\)|"[^"]*"|'[^']*'/gi;

function urlsOf(value: string): string[] {
  return [...value.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)].map((m) => m[2]!.trim()).filter(Boolean);
}

/** The image format feature of a URL (by its `data:` MIME type or its file extension). */
export function imageFormatOf(d: Detectors, url: string): string | undefined {
  const u = url.trim();
  const mime = /^data:([^;,]+)/i.exec(u)?.[1]?.toLowerCase();
  if (mime) return d.imageFormats.get(mime);
  const ext = /\.([a-z0-9]+)$/i.exec(u.split(/[?#]/, 1)[0]!)?.[1]?.toLowerCase();
  return ext ? d.imageFormats.get(ext) : undefined;
}

/** Features of CSS declarations (inline or in a rule). */
export function declarationHits(d: Detectors, decls: readonly Declaration[], out: Hit[], lineOf: (decl: Declaration) => number): void {
  for (const decl of decls) {
    const line = lineOf(decl);
    const add = (ts: readonly string[] | undefined) => {
      if (ts) for (const title of ts) out.push({ title, line });
    };
    if (decl.property.startsWith('--')) add(d.functions.get('var'));
    else add(propertyTitles(d, decl.property));
    if (decl.important) add(d.pairs.get('!important'));
    const value = decl.value.toLowerCase();
    add(d.pairs.get(`${decl.property}:${value}`));
    if (value.indexOf('(') >= 0) {
      for (const f of value.matchAll(/([a-z-]+)\(/g)) add(d.functions.get(f[1]!));
      for (const u of urlsOf(decl.value)) {
        const t = imageFormatOf(d, u);
        if (t) add([t]);
      }
    }
    const bare = value.indexOf('url(') >= 0 || value.indexOf('"') >= 0 || value.indexOf("'") >= 0 ? value.replace(STRINGS_AND_URLS, ' ') : value;
    for (const w of bare.split(/[\s,()/]+/)) {
      if (!w) continue;
      add(d.valueWords.get(w));
      if (w === 'initial') add(d.units.get('initial'));
      const u = /^[-+]?[\d.]+(%|[a-z]+)$/.exec(w);
      if (u) add(d.units.get(u[1]!));
    }
  }
}

/** The structural kinds of one selector (combinators, classes, ids, types, attributes, nesting). */
function selectorKinds(selector: string): Set<string> {
  const kinds = new Set<string>();
  if (selector.includes('&')) kinds.add('nesting');
  // Attribute contents, pseudo arguments and strings are not structure.
  let s = selector.replace(/"[^"]*"|'[^']*'/g, '""');
  for (const a of s.matchAll(/\[\s*([^\]=~|^$*\s]+)/g)) if (a[1] !== 'id' && a[1] !== 'class') kinds.add('attribute');
  s = s.replace(/\[[^\]]*\]/g, '[]').replace(/\([^()]*\)/g, '()');
  if (/\*/.test(s)) kinds.add('universal');
  if (/#[-\w]/.test(s)) kinds.add('id');
  if (/\.[-\w]/.test(s)) kinds.add('class');
  const compact = s.trim().replace(/\s*([>+~])\s*/g, '$1');
  if (compact.includes('>')) kinds.add('child');
  if (compact.includes('+')) kinds.add('adjacent');
  if (compact.includes('~')) kinds.add('sibling');
  const compounds = compact.split(/[>+~\s]+/).filter(Boolean);
  if (/\s/.test(compact)) kinds.add('descendant');
  for (const c of compounds) {
    if (/^[a-z][\w-]*/i.test(c)) kinds.add('type');
    if ((c.match(/\.[-\w]+/g)?.length ?? 0) >= 2) kinds.add('chain');
  }
  return kinds;
}

/** Features of a `<style>` element's CSS (lines relative to the CSS text). */
export function stylesheetHits(d: Detectors, css: string): Hit[] {
  const out: Hit[] = [];
  const sheet = parseStylesheet(css);
  for (const line of sheet.comments) for (const t of d.elements.get('#CSS comments') ?? []) out.push({ title: t, line });
  for (const a of sheet.atRules) {
    for (const t of d.atRules.get(a.name) ?? []) out.push({ title: t, line: a.line });
    if (a.name === 'media') for (const [re, t] of d.mediaFeatures) if (re.test(a.prelude)) out.push({ title: t, line: a.line });
  }
  for (const r of sheet.rules) {
    declarationHits(d, r.declarations, out, (decl) => decl.line);
    if (r.selectors.length >= 2) {
      const t = d.selectorKinds.get('group');
      if (t) out.push({ title: t, line: r.line });
    }
    for (const sel of r.selectors) {
      for (const k of selectorKinds(sel)) {
        const t = d.selectorKinds.get(k);
        if (t) out.push({ title: t, line: r.line });
      }
      for (const p of sel.matchAll(/::?[a-z-]+/gi)) for (const t of d.pseudo.get(p[0].toLowerCase()) ?? []) out.push({ title: t, line: r.line });
    }
  }
  return out;
}

/** Features of one parsed piece of HTML: its element, attributes, inline style, image URLs, or its stylesheet. */
export function tagHits(d: Detectors, tag: Tag): Hit[] {
  const out: Hit[] = [];
  const add = (ts: readonly string[] | undefined, line = 0) => {
    if (ts) for (const title of ts) out.push({ title, line });
  };
  if (tag.kind === 'comment') add(d.elements.get('#HTML comments'));
  else if (tag.kind === 'doctype') add(d.elements.get('#HTML5 doctype'));
  if (tag.kind !== 'tag' && tag.kind !== 'raw') return out;
  add(d.elements.get(tag.name));
  for (const e of d.elementAttr) if (e.element === tag.name && e.test(tag)) out.push({ title: e.title, line: 0 });
  for (const [name, value] of tag.attrs) {
    add(d.attributes.get(name));
    if (name === 'style' && value) declarationHits(d, parseDeclarations(value), out, () => 0);
  }
  const urls: string[] = [];
  const src = tag.name === 'img' ? attr(tag, 'src') : undefined;
  if (src) urls.push(src);
  const srcset = attr(tag, 'srcset');
  if (srcset) for (const c of srcset.split(',')) urls.push(c.trim().split(/\s+/, 1)[0] ?? '');
  for (const u of urls) {
    if (/^data:[^,]*;base64,/i.test(u.trim())) add(d.elements.get('#Base 64 image format'));
    const t = imageFormatOf(d, u);
    if (t) add([t]);
  }
  if (tag.kind === 'raw' && tag.name === 'style' && tag.content) for (const h of stylesheetHits(d, tag.content)) out.push({ title: h.title, line: h.line + (tag.contentLine ?? 0) });
  return out;
}
