/**
 * Seeds the built-in sandbox's platform side from the workspace: its campaigns in the platform's
 * format (so browsing and importing work offline) and its profiles (so "Not personalized" matches
 * the preview), plus an OAuth client whose secret goes to the secret store like a real one.
 */
import { randomBytes } from 'node:crypto';
import { interpretWorkspace } from '../../shared/workspace/model';
import { setSandboxSecret } from '../secrets';
import { toPlatformModel } from '../../shared/platform/mapping';
import type { ServiceContext } from '../context';
import { platformState } from '../sandbox/platform-routes';
import { readWorkspace } from '../workspace';
import { SANDBOX_ENVIRONMENT_ID } from '../environments/store';

/** The OAuth client id the sandbox accepts (its secret is generated per run). */
export const SANDBOX_OAUTH_CLIENT_ID = 'preflight-sandbox';

/** Seeds the sandbox from the workspace folder the app started with. */
export async function seedSandboxPlatform(ctx: Pick<ServiceContext, 'sandbox' | 'secrets' | 'workspaceDir'>): Promise<void> {
  const platform = platformState(ctx.sandbox.state);
  const secret = randomBytes(24).toString('hex');
  platform.addOAuthClient(SANDBOX_OAUTH_CLIENT_ID, secret);
  await setSandboxSecret(ctx.secrets, SANDBOX_ENVIRONMENT_ID, 'oauth-client-secret', secret, SANDBOX_OAUTH_CLIENT_ID);
  const model = interpretWorkspace(await readWorkspace(ctx.workspaceDir));
  const campaigns = model.campaigns.flatMap((c) => (c.campaign ? [toPlatformModel(c.campaign)] : []));
  platform.seed(campaigns, model.profiles);
}
