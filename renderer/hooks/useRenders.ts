/** Renders the selected campaign's data in the render worker whenever campaign, data or profiles change. */
import { useEffect, useState } from 'react';
import type { Campaign } from '../../shared/campaign/model';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import type { NodeRender } from '../../shared/campaign/render';
import type { Diagnostic } from '../../shared/diagnostics';
import { renderInWorker } from '../workers/render-client';

export interface RenderState {
  status: 'idle' | 'rendering' | 'done' | 'error';
  renders: NodeRender[];
  diagnostics: Diagnostic[];
  error?: string;
}

const IDLE: RenderState = { status: 'idle', renders: [], diagnostics: [] };

export function useRenders(campaign: Campaign | undefined, data: SendData | undefined, profiles: Profiles | undefined): RenderState {
  const [state, setState] = useState<RenderState>(IDLE);
  useEffect(() => {
    if (!campaign || !data) {
      setState(IDLE);
      return;
    }
    let live = true;
    setState((s) => ({ ...s, status: 'rendering' }));
    void renderInWorker({ campaign, data, profiles: profiles ?? {} }).then((reply) => {
      if (!live) return;
      setState(reply.ok ? { status: 'done', renders: reply.renders, diagnostics: reply.diagnostics } : { status: 'error', renders: [], diagnostics: [], error: reply.message });
    });
    return () => {
      live = false;
    };
  }, [campaign, data, profiles]);
  return state;
}
