/**
 * Renders a campaign per user and node, with the value sources and the render's own diagnostics.
 * Templates are compiled once per campaign (compileCampaign) and rendered per user on demand. The
 * evaluation pipeline (shared/pipeline/) adds the guardrails and the campaign checks on top: every
 * caller goes through it.
 */
import type { Diagnostic } from '../diagnostics';
import { compileTemplate, type CompiledTemplate, type RenderTrace } from '../render/engine';
import { smsMetrics, checkFromName, type SmsMetrics } from '../channels/sms';
import { codePointLength } from '../channels/graphemes';
import { templateFields, type Campaign, type CampaignNode, type Channel } from './model';
import { resolverFor, isEmptyValue, type Found, type Profiles, type Resolver, type SendData, type ValueSource } from './send-data';
import { isAbsoluteHttpUrl } from './url';
import { templatePlacer, type CampaignSource } from './source-map';

export interface CompiledField {
  name: string;
  isUrl: boolean;
  template: CompiledTemplate;
  /** Its render records a trace (an email's html: the email checks use it, see NodeRender.htmlTrace). */
  trace: boolean;
}

export interface CompiledNode {
  node: CampaignNode;
  fields: CompiledField[];
  /** Attributes this node references (union over its fields), in first-seen order. */
  references: string[];
  /** Compile-time diagnostics (syntax, unsupported-twig), tagged with node and field (and placed in the file when its source was given). */
  diagnostics: Diagnostic[];
  /**
   * The error-level compile diagnostics: a field that does not compile renders as nothing, so every
   * render of the node carries them (a cell must never look like an empty message).
   */
  compileErrors: Diagnostic[];
  /** Fields that do not compile. */
  brokenFields: string[];
  /** Places a template diagnostic of this node in the campaign file (identity without a source). */
  place: (d: Diagnostic) => Diagnostic;
}

export interface CompiledCampaign {
  campaign: Campaign;
  nodes: CompiledNode[];
  /** All attributes any node references. */
  references: Set<string>;
}

export interface NodeRender {
  target: string;
  node: string;
  channel: Channel;
  fields: Record<string, string>;
  sources: Record<string, ValueSource>;
  /** The value of every referenced attribute that had one (by name); an attribute missing here resolved to empty. */
  values: Record<string, unknown>;
  /**
   * Fields that did not compile or failed at run time: their output is empty and is not the
   * message. Absent when every field rendered.
   */
  failed?: string[];
  sms?: SmsMetrics;
  diagnostics: Diagnostic[];
  /**
   * An email's html render: which parts are static template text (non-enumerable, so nothing that
   * copies, serialises or posts a render carries it). The email checks use it to do per user only
   * the work the user's own values need (shared/guardrails/email-memo.ts).
   */
  readonly htmlTrace?: RenderTrace;
}

export interface RenderOptions {
  /** Legacy personalisation mode: a missing attribute means the message is not sent (an error). */
  legacyPersonalisation?: boolean;
}

const unplaced = (d: Diagnostic) => d;

/**
 * A render as renderNode makes it: the trace is a private field read through a getter, so copies,
 * JSON and structured clones (posting to the UI) leave it behind, as a non-enumerable property
 * would, without defining a property per render (Object.defineProperty was among the top lines of
 * renderNode's profile in bench-render).
 */
class Render implements NodeRender {
  declare failed?: string[];
  declare sms?: SmsMetrics;
  readonly #trace: RenderTrace | undefined;
  constructor(
    public target: string,
    public node: string,
    public channel: Channel,
    public fields: Record<string, string>,
    public sources: Record<string, ValueSource>,
    public values: Record<string, unknown>,
    public diagnostics: Diagnostic[],
    trace: RenderTrace | undefined,
  ) {
    this.#trace = trace;
  }
  get htmlTrace(): RenderTrace | undefined {
    return this.#trace;
  }
}

/**
 * Compiles every template field of every node once. With the campaign file's `source`, template
 * diagnostics are placed in the file (its line and column, not the template's); see source-map.ts.
 */
export function compileCampaign(campaign: Campaign, source?: CampaignSource): CompiledCampaign {
  const references = new Set<string>();
  const place = source ? templatePlacer(source) : unplaced;
  const nodes = campaign.nodes.map((node): CompiledNode => {
    const refs = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    const brokenFields: string[] = [];
    const fields = templateFields(node).map((f) => {
      const template = compileTemplate(f.source, { autoescape: f.autoescape });
      for (const r of template.references) refs.add(r);
      for (const d of template.diagnostics) diagnostics.push(place({ code: d.code, severity: d.severity, message: d.message, node: node.key, field: f.name, line: d.line, column: d.column }));
      if (template.diagnostics.some((d) => d.severity === 'error')) brokenFields.push(f.name);
      return { name: f.name, isUrl: f.isUrl, template, trace: node.channel === 'email' && f.name === 'html' };
    });
    for (const r of refs) references.add(r);
    const compileErrors = diagnostics.filter((d) => d.severity === 'error');
    return { node, fields, references: [...refs], diagnostics, compileErrors, brokenFields, place };
  });
  return { campaign, nodes, references };
}

/** The error that kept a field of a render from rendering (compile or run time), if it failed. */
export function fieldFailure(r: Pick<NodeRender, 'failed' | 'diagnostics'>, field: string): Diagnostic | undefined {
  if (!r.failed?.includes(field)) return undefined;
  return r.diagnostics.find((d) => d.field === field && d.severity === 'error' && (d.code === 'syntax' || d.code === 'unsupported-twig' || d.code === 'render'));
}

/**
 * True when rendered output still holds Twig markup (`{{`, `{%` or `{#`). A search for "{" rather
 * than a regular expression: every field of every user is checked, and V8 finds one character at
 * memory speed where the three-way pattern cost as much as rendering the benchmark's email.
 */
export function hasTwigResidue(s: string): boolean {
  for (let i = s.indexOf('{'); i !== -1; i = s.indexOf('{', i + 1)) if (opensTwig(s.charCodeAt(i + 1))) return true;
  return false;
}

/** The character after a `{` that makes Twig markup: `{`, `%` or `#`. */
function opensTwig(c: number): boolean {
  return c === 0x7b || c === 0x25 || c === 0x23;
}

/** Per template (its static texts): which texts hold Twig markup themselves (a `verbatim` block can print it). */
const residueTexts = new WeakMap<readonly string[], Uint8Array>();

/**
 * hasTwigResidue of a traced render's output, from its trace: the static texts (looked at once per
 * template), the gaps between them and the joins. The same answer without reading the output, which
 * would flatten it (engine.ts RenderTrace): for an email, nothing else in a scan has to.
 */
export function hasTracedTwigResidue(trace: RenderTrace): boolean {
  const { texts, entries, gaps } = trace;
  let flags = residueTexts.get(texts);
  if (!flags) residueTexts.set(texts, (flags = Uint8Array.from(texts, (t) => (hasTwigResidue(t) ? 1 : 0))));
  const n = entries.length / 2;
  // The last character so far: a `{` there and `{`, `%` or `#` next is markup across a join.
  let prev = 0;
  for (let k = 0; ; k++) {
    const g = gaps[k]!;
    if (g.length) {
      if (prev === 0x7b && opensTwig(g.charCodeAt(0))) return true;
      if (hasTwigResidue(g)) return true;
      prev = g.charCodeAt(g.length - 1);
    }
    if (k === n) return false;
    const id = entries[2 * k]!;
    const t = texts[id]!;
    if (t.length) {
      if (prev === 0x7b && opensTwig(t.charCodeAt(0))) return true;
      if (flags[id]) return true;
      prev = t.charCodeAt(t.length - 1);
    }
  }
}

/**
 * Renders one node for one user, with the sources of every referenced attribute and per-render
 * diagnostics. `resolve`: the user's resolver when the caller has it already (an evaluation keeps
 * the last user's, as the cells of one user are asked for in a row).
 */
export function renderNode(cn: CompiledNode, target: string, data: SendData, profiles?: Profiles, options?: RenderOptions, resolve: Resolver = resolverFor(target, data, profiles)): NodeRender {
  const vars: Record<string, unknown> = {};
  const sources: Record<string, ValueSource> = {};
  const diagnostics: Diagnostic[] = [];
  const node = cn.node.key;
  const found: Found = { value: undefined };
  for (const name of cn.references) {
    const source = resolve(name, found);
    const value = found.value;
    // A value nobody supplies prints as the empty string; left undefined so Twig's `is defined`,
    // `??` and `default` see it as missing, as they do on the platform.
    if (source !== 'empty') vars[name] = value;
    sources[name] = source;
    if (source === 'empty' || isEmptyValue(value)) {
      diagnostics.push(
        options?.legacyPersonalisation
          ? { code: 'not-personalised', severity: 'error', node, target, message: `"${name}" is empty for ${target}: in legacy personalisation mode this message would not be sent` }
          : { code: 'empty-value', severity: 'warning', node, target, message: `"${name}" resolves to empty for ${target}` },
      );
    }
  }
  const fields: Record<string, string> = {};
  let failed: string[] | undefined;
  let trace: RenderTrace | undefined;
  if (cn.compileErrors.length) {
    for (const d of cn.compileErrors) diagnostics.push({ ...d, target });
    failed = [...cn.brokenFields];
  }
  // Seeded by the target: random()/shuffle show the same pick for a user in every preview, check and CLI run.
  const seeded = { seed: target };
  for (const f of cn.fields) {
    const r = f.template.render(vars, f.trace ? { seed: target, trace: true } : seeded);
    fields[f.name] = r.output;
    if (r.trace) trace = r.trace;
    if (r.error) {
      diagnostics.push(cn.place({ code: r.error.code, severity: r.error.severity, message: r.error.message, node, field: f.name, target, line: r.error.line, column: r.error.column }));
      (failed ??= []).push(f.name);
    }
    if (r.trace ? hasTracedTwigResidue(r.trace) : hasTwigResidue(r.output)) diagnostics.push({ code: 'twig-residue', severity: 'warning', node, field: f.name, target, message: `the rendered ${f.name} still contains Twig markup` });
    if (f.isUrl && r.output !== '' && !isAbsoluteHttpUrl(r.output.trim())) diagnostics.push({ code: 'invalid-url', severity: 'warning', node, field: f.name, target, message: `${f.name} is not a valid absolute http(s) URL after rendering: "${r.output.slice(0, 120)}"` });
  }
  const out = new Render(target, node, cn.node.channel, fields, sources, vars, diagnostics, trace);
  if (failed) out.failed = failed;
  if (cn.node.channel === 'sms') {
    out.sms = smsMetrics(fields.text ?? '');
    if ('from' in fields) {
      const from = fields.from ?? '';
      const check = checkFromName(from);
      if (!check.length) diagnostics.push({ code: 'sms-from-length', severity: 'error', node, field: 'from', target, message: `SMS from name "${from}" has ${codePointLength(from)} characters; it must have 3 to 11` });
      if (!check.chars) diagnostics.push({ code: 'sms-from-chars', severity: 'warning', node, field: 'from', target, message: `SMS from name "${from}" is not purely alphanumeric (letters and digits, no spaces); some networks reject it` });
    }
  }
  if (cn.node.channel === 'email' && (fields.subject ?? '').trim() === '') diagnostics.push({ code: 'empty-subject', severity: 'warning', node, field: 'subject', target, message: `the email subject is empty for ${target}` });
  return out;
}
