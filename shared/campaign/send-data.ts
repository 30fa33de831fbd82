/**
 * The values a send passes (the Campaign Execute body minus apptoken and id) and the preview-only
 * profiles, plus the value resolution rule of the platform with provenance.
 */
import type { z } from 'zod';
import type { sendDataSchema } from '../ipc/schemas';
import { NO_VALUE, userReader } from './per-user';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** The schema in shared/ipc/schemas.ts; `target_with_params` holds keyed objects as on the wire, or columns from a table import (see per-user.ts). */
export type SendData = z.infer<typeof sendDataSchema>;

/** Profile attributes per target id: stand-ins for what the platform stores (preview only). */
export type Profiles = Record<string, Record<string, unknown>>;

export type ValueSource = 'target_with_params' | 'params' | 'profile' | 'empty';

/** How each value source is named on screen and in the QA report. */
export const VALUE_SOURCE_LABELS: Readonly<Record<ValueSource, string>> = { target_with_params: 'per-user value', params: 'param', profile: 'profile', empty: 'empty' };

const has = Object.prototype.hasOwnProperty;

/**
 * Resolves one attribute for one user in the platform's priority order:
 * `target_with_params[user]` over `params` over the profile over the empty string.
 */
export function resolveValue(name: string, user: string, data: SendData, profiles: Profiles | undefined): { value: unknown; source: ValueSource } {
  const found: Found = { value: undefined };
  const source = resolverFor(user, data, profiles)(name, found);
  return { value: found.value, source };
}

/** Where a resolver puts the value it found (one holder per user, not an object per name). */
export interface Found {
  value: unknown;
}

/** One user's resolver: the source of a name, with its value put into `found`. */
export type Resolver = (name: string, found: Found) => ValueSource;

/**
 * `resolveValue` for one user and many names: the user's own values and profile are found once.
 * The resolver returns the source and puts the value into `found` (a scan resolves millions of names).
 */
export function resolverFor(user: string, data: SendData, profiles: Profiles | undefined): Resolver {
  const own = userReader(data.target_with_params, user);
  const params = data.params;
  const profile = profiles && has.call(profiles, user) ? profiles[user] : undefined;
  return (name, found) => {
    const v = own(name);
    if (v !== NO_VALUE) {
      found.value = v;
      return 'target_with_params';
    }
    if (has.call(params, name)) {
      found.value = params[name];
      return 'params';
    }
    if (profile && has.call(profile, name)) {
      found.value = profile[name];
      return 'profile';
    }
    found.value = '';
    return 'empty';
  };
}

/** True for a value that prints as nothing (the platform's "empty"). */
export function isEmptyValue(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}
