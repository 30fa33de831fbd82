/**
 * Where a send goes and with what credentials: an environment's settings with the base URL resolved
 * (the built-in sandbox listens on a new port each run), and the credentials checked against that
 * destination before any plan is written.
 */
import type { EnvironmentConfig } from '../../shared/environments';
import type { PlanEnvironment } from '../../shared/send/plan';
import { credentialsFor } from '../platform/auth';
import { checkDestination } from '../platform/destination';
import type { SecretStore } from '../secrets';
import { resolveBaseUrl, type EnvironmentStore } from '../environments/store';
import { executeUrl } from './attempt';

export interface SendEnvironmentSources {
  environments: EnvironmentStore;
  secrets: SecretStore;
  /** The built-in sandbox: its URL, and registering the tokens of environments pointing at it. */
  sandbox: { url: string; allowToken(token: string, environmentId: string): void };
}

export class SendEnvironments {
  constructor(private readonly o: SendEnvironmentSources) {}

  /** An environment's settings and the plan's view of it; an unknown id is an error. */
  get(id: string): { config: EnvironmentConfig; env: PlanEnvironment } {
    const config = this.o.environments.get(id);
    if (!config) throw new Error(`unknown environment "${id}"; nothing was sent`);
    return { config, env: { id: config.id, name: config.name, baseUrl: resolveBaseUrl(config, this.o.sandbox.url), production: config.production } };
  }

  /** What credentialsFor needs: the settings with the base URL resolved (OAuth fetches its token there). */
  authEnvironment(config: EnvironmentConfig): EnvironmentConfig {
    return { ...config, baseUrl: resolveBaseUrl(config, this.o.sandbox.url) };
  }

  /** The credentials of an environment, fetched or read when a batch needs them. */
  credentials(config: EnvironmentConfig) {
    return credentialsFor(this.authEnvironment(config), this.o.secrets);
  }

  /**
   * Resolves credentials once up front (a clear error before any plan is written): they must exist
   * for the environment's current destination, and the plan must go there. Registers sandbox tokens.
   */
  async checkCredentials(config: EnvironmentConfig, planBaseUrl: string) {
    const auth = await credentialsFor(this.authEnvironment(config), this.o.secrets)
      .then((a) => {
        checkDestination(a, executeUrl(planBaseUrl));
        return a;
      })
      .catch((e: Error) => {
        throw new Error(`${e.message}; nothing was sent`);
      });
    if (config.region === 'sandbox' && auth.bodyFields.apptoken) this.o.sandbox.allowToken(auth.bodyFields.apptoken, config.id);
  }
}
