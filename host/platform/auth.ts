/**
 * Credentials for one API call to an environment: the app token in the body today; OAuth 2.0
 * client credentials (a bearer token, cached until expiry, refreshed once on 401) are added with
 * the platform integration work. The send path and the platform client both go through here, so
 * no other module handles secrets directly.
 */
import type { SecretStore } from '../secrets';

export interface RequestAuth {
  /** Fields to merge into the JSON body (e.g. `apptoken`). */
  bodyFields: Record<string, string>;
  headers: Record<string, string>;
  /** Every secret value in this auth, to scrub from anything recorded or shown. */
  secrets: string[];
  /** Called once after a 401: refreshes the credentials and returns true when a retry makes sense. */
  refresh?: () => Promise<boolean>;
}

/** Resolves the credentials of an environment, or throws a plain-language error when none are stored. */
export async function credentialsFor(environment: { id: string; name: string }, secrets: SecretStore): Promise<RequestAuth> {
  const token = await secrets.get(environment.id);
  if (!token) throw new Error(`no app token is stored for environment "${environment.name}"`);
  return { bodyFields: { apptoken: token }, headers: {}, secrets: [token] };
}
