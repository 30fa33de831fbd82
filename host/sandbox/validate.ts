/**
 * Validates a Campaign Execute body the way the platform does, with messages naming the field.
 * Values inside params and target_with_params may be any JSON (templates loop over lists).
 */
export interface ValidationProblem {
  field: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns the problems of an execute body (empty when valid). `apptoken` is checked separately. */
export function validateExecuteBody(body: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (!isObject(body)) return [{ field: '(body)', message: 'the request body must be a JSON object' }];
  if (typeof body.id !== 'string' && typeof body.id !== 'number') problems.push({ field: 'id', message: 'id (the campaign id) is required' });
  else if (String(body.id).trim() === '') problems.push({ field: 'id', message: 'id must not be empty' });
  const hasTarget = body.target !== undefined;
  if (hasTarget) {
    if (typeof body.target_by !== 'string' || body.target_by === '') problems.push({ field: 'target_by', message: 'target_by is required when target is given' });
    if (!Array.isArray(body.target)) problems.push({ field: 'target', message: 'target must be an array of ids' });
    else
      body.target.forEach((t, i) => {
        if (typeof t !== 'string' || t === '') problems.push({ field: `target[${i}]`, message: `target[${i}] must be a non-empty string id` });
      });
  }
  if (body.params !== undefined && !isObject(body.params)) problems.push({ field: 'params', message: 'params must be an object of attribute values' });
  if (body.target_with_params !== undefined) {
    if (!isObject(body.target_with_params)) problems.push({ field: 'target_with_params', message: 'target_with_params must be an object keyed by target id' });
    else for (const [k, v] of Object.entries(body.target_with_params)) if (!isObject(v)) problems.push({ field: `target_with_params.${k}`, message: `target_with_params["${k}"] must be an object of attribute values` });
  }
  return problems;
}
