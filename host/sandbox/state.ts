/**
 * The sandbox's mutable state, shared by the execute route and the platform routes: who may call
 * (tokens per environment), the faults per environment, and room for routes to keep their own data.
 */
import { NO_FAULTS, type FaultConfig } from '../../shared/ipc/channels/sandbox';
import type { SandboxAuthState } from './auth';

export interface SandboxState {
  auth: SandboxAuthState;
  /** App token → the environment it belongs to (faults and records are per environment). */
  tokenEnvironments: Map<string, string>;
  faults: Map<string, FaultConfig>;
  /** Request times per environment in the last second (the rate limit). */
  recent: Map<string, number[]>;
  /** Free room for platform routes (campaign lists, devices, OAuth tokens…). */
  ext: Record<string, unknown>;
}

export function createSandboxState(tokens: string[], defaultEnvironment = 'sandbox'): SandboxState {
  return {
    auth: { appTokens: new Set(tokens) },
    tokenEnvironments: new Map(tokens.map((t) => [t, defaultEnvironment])),
    faults: new Map(),
    recent: new Map(),
    ext: {},
  };
}

/** An environment's faults (none by default). */
export function faultsOf(state: SandboxState, environmentId: string): FaultConfig {
  return state.faults.get(environmentId) ?? { ...NO_FAULTS, script: [] };
}

/** The environment of the token in a body, when the sandbox knows it. */
export function environmentOfBody(state: SandboxState, body: Record<string, unknown>): string | undefined {
  return typeof body.apptoken === 'string' ? state.tokenEnvironments.get(body.apptoken) : undefined;
}
