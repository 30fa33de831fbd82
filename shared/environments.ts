/**
 * Environments a send can target. Settings only: secrets (app tokens, OAuth client secrets) live in
 * the secret store, bound to the environment's destination (shared/secrets/binding.ts), and never
 * appear here — nor does any path a secret could be read from.
 */
import { z } from 'zod';
import { DEFAULT_BATCH_SIZE } from './send/plan';

/** The platform's regional API hosts (docs/xtremepush-api.md). */
export const REGION_BASE_URLS = {
  eu: 'https://external-api.xtremepush.com',
  us: 'https://api.us.xtremepush.com',
} as const;

export const environmentConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1).max(60),
  /** `sandbox` is the built-in local sandbox; `custom` takes baseUrl as given (https only). */
  region: z.enum(['eu', 'us', 'custom', 'sandbox']),
  baseUrl: z.string().url(),
  production: z.boolean(),
  authMode: z.enum(['apptoken', 'oauth']).default('apptoken'),
  /** OAuth 2.0 client id (not secret; the client secret is in the secret store). */
  oauthClientId: z.string().optional(),
  /** Older projects: a missing attribute means the message is not sent ("not personalised"). */
  legacyPersonalisation: z.boolean().default(false),
  batchSize: z.number().int().min(1).max(10_000).default(DEFAULT_BATCH_SIZE),
  concurrency: z.number().int().min(1).max(16).default(2),
  /** Requests per second this environment may receive from Preflight. */
  ratePerSecond: z.number().positive().max(1000).default(10),
  /** Saved QA user ids for test sends. */
  qaUsers: z.array(z.string().min(1)).max(100).default([]),
});
export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;
