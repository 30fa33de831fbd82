/** The platform's response envelope `{code, success, message, errors, data, model}`. */
export function envelope(code: number, fields: { message?: string; errors?: unknown[]; data?: unknown; model?: unknown }) {
  return {
    code,
    success: code >= 200 && code < 300,
    message: fields.message ?? '',
    ...(fields.errors ? { errors: fields.errors } : {}),
    ...(fields.data !== undefined ? { data: fields.data } : {}),
    ...(fields.model !== undefined ? { model: fields.model } : {}),
  };
}
