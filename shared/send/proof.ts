/**
 * Proof sends: the platform has no test-send API, so a test send to the QA users labels itself as
 * a proof in the request — a campaign-wide param (`is_proof` unless the user names another) set to
 * "true", which the template can map (`{% if is_proof %}[PROOF] {% endif %}`, or to keep links in
 * a proof from firing real tracking). Real sends never carry it.
 */
import type { SendData } from '../campaign/send-data';

/** The param a proof carries when the user names none. */
export const DEFAULT_PROOF_PARAM = 'is_proof';

/** The value the proof param is given (a string: the platform's params are strings). */
export const PROOF_VALUE = 'true';

/** What a proof param may be called: a plain Twig name (so the template can use it as is). */
export const PROOF_PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Why a proof param name cannot be used, or undefined. */
export function proofParamProblem(name: string): string | undefined {
  if (!PROOF_PARAM_NAME.test(name)) return `the proof param "${name.slice(0, 80)}" is not a plain name (letters, digits and _, not starting with a digit, at most 64)`;
  return undefined;
}

/** The data of a test send labelled as a proof: `params[name] = "true"`, the rest unchanged. */
export function withProofParam(data: SendData, name: string = DEFAULT_PROOF_PARAM): SendData {
  const problem = proofParamProblem(name);
  if (problem) throw new Error(problem);
  const params: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(data.params)) params[k] = v;
  params[name] = PROOF_VALUE;
  return { ...data, params };
}
