/**
 * One evaluation of a campaign with its data: the object every caller drives — the render worker
 * (cells on demand, the scan in time slices), the host (the send verdict, in a worker thread for big
 * data) and the CLI (everything at once). It holds the compiled templates and the inputs; each step
 * (render with provenance, guardrails, campaign checks) is done here and nowhere else.
 */
import type { Campaign } from '../campaign/model';
import type { CampaignSource } from '../campaign/source-map';
import { compileCampaign, renderNode, type CompiledCampaign, type NodeRender } from '../campaign/render';
import { resolverFor, type Profiles, type Resolver, type SendData } from '../campaign/send-data';
import type { Diagnostic } from '../diagnostics';
import { renderFindings, type GuardrailSettings } from '../guardrails';
import { campaignChecks } from './campaign-checks';

/** Everything an evaluation depends on. Values passed in are data: they are never compiled. */
export interface EvaluationInput {
  campaign: Campaign;
  /** The campaign file's name and text, so template problems name the file's own line and column. */
  source?: CampaignSource;
  data: SendData;
  /** Stand-ins for the platform's stored profile attributes. */
  profiles?: Profiles;
  /** The workspace's guardrail levels (preflight.settings.json). */
  settings?: GuardrailSettings;
  /**
   * The environment's legacy personalisation mode (older projects): a placeholder that resolves to
   * empty means the platform does not send the message, so each such cell carries a
   * `not-personalised` error instead of an `empty-value` warning.
   */
  legacyPersonalisation?: boolean;
}

export interface Evaluation {
  readonly campaign: Campaign;
  readonly data: SendData;
  readonly profiles: Profiles;
  readonly settings: GuardrailSettings;
  readonly legacyPersonalisation: boolean;
  readonly compiled: CompiledCampaign;
  /** How many nodes each user has (the cells of one user). */
  readonly nodeCount: number;
  /** One user's render of node `node` (an index into the campaign's nodes): fields, sources, SMS metrics, engine diagnostics and guardrail findings. */
  cell(target: string, node: number): NodeRender;
  /** The campaign-level diagnostics (computed once per evaluation). */
  campaignDiagnostics(): Diagnostic[];
  /** The attributes each node references, by node key. */
  references(): Record<string, string[]>;
}

const NO_PROFILES: Profiles = {};
const NO_SETTINGS: GuardrailSettings = {};

/**
 * Starts an evaluation. `compiled` may be passed when the campaign was compiled already (the
 * render worker keeps the compiled templates while only the data changes).
 */
export function createEvaluation(input: EvaluationInput, compiled: CompiledCampaign = compileCampaign(input.campaign, input.source)): Evaluation {
  const profiles = input.profiles ?? NO_PROFILES;
  const settings = input.settings ?? NO_SETTINGS;
  const legacyPersonalisation = input.legacyPersonalisation === true;
  const options = { legacyPersonalisation };
  const nodes = compiled.nodes;
  let campaignLevel: Diagnostic[] | undefined;
  let lastTarget: string | undefined;
  let lastResolver: Resolver | undefined;
  return {
    campaign: input.campaign,
    data: input.data,
    profiles,
    settings,
    legacyPersonalisation,
    compiled,
    nodeCount: nodes.length,
    cell(target, node) {
      const n = nodes[node];
      if (!n) throw new RangeError(`the campaign has no node ${node + 1}`);
      // The data of an evaluation does not change (an edit makes a new one), so the last user's resolver stays right.
      if (target !== lastTarget || !lastResolver) {
        lastTarget = target;
        lastResolver = resolverFor(target, input.data, profiles);
      }
      const r = renderNode(n, target, input.data, profiles, options, lastResolver);
      const findings = renderFindings(r, settings);
      // The render's diagnostics are its own (a new array per render): the findings join them in place.
      if (findings.length) {
        if (r.diagnostics.length) for (let i = 0; i < findings.length; i++) r.diagnostics.push(findings[i]!);
        else r.diagnostics = findings;
      }
      return r;
    },
    campaignDiagnostics() {
      return (campaignLevel ??= campaignChecks(compiled, input.data, profiles, settings));
    },
    references() {
      return Object.fromEntries(nodes.map((n) => [n.node.key, n.references]));
    },
  };
}
