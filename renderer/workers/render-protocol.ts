/** Messages between the UI and the render worker (the only place templates are compiled and run). */
import type { Campaign } from '../../shared/campaign/model';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import type { NodeRender } from '../../shared/campaign/render';
import type { Diagnostic } from '../../shared/diagnostics';

export interface RenderRequest {
  id: number;
  campaign: Campaign;
  data: SendData;
  profiles: Profiles;
  /** Render only these targets (what is on screen); all targets when absent. */
  targets?: string[];
  legacyPersonalisation?: boolean;
}

export type RenderReply =
  | { id: number; ok: true; renders: NodeRender[]; diagnostics: Diagnostic[] }
  | { id: number; ok: false; message: string };
