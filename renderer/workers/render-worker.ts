/**
 * The render worker. nunjucks (under the Twig layer) compiles templates to JavaScript functions,
 * which needs `eval`; the app's documents forbid eval, so compiling and rendering is confined here:
 * this worker's script is served with its own CSP that allows 'unsafe-eval' (host/csp.ts).
 * Compiled campaigns are cached by identity of the campaign object's JSON.
 */
import { compileCampaign, dataDiagnostics, renderNode, type CompiledCampaign, type NodeRender } from '../../shared/campaign/render';
import type { RenderReply, RenderRequest } from './render-protocol';

let cache: { key: string; compiled: CompiledCampaign } | undefined;

function compiledFor(req: RenderRequest): CompiledCampaign {
  const key = JSON.stringify(req.campaign);
  if (cache?.key !== key) cache = { key, compiled: compileCampaign(req.campaign) };
  return cache.compiled;
}

self.onmessage = (e: MessageEvent<RenderRequest>) => {
  const req = e.data;
  let reply: RenderReply;
  try {
    const compiled = compiledFor(req);
    const renders: NodeRender[] = [];
    for (const t of req.targets ?? req.data.target)
      for (const n of compiled.nodes) renders.push(renderNode(n, t, req.data, req.profiles, { legacyPersonalisation: req.legacyPersonalisation }));
    reply = { id: req.id, ok: true, renders, diagnostics: dataDiagnostics(compiled, req.data) };
  } catch (err) {
    reply = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(reply);
};
