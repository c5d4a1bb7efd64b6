// Rows of applications and API keys, and their API shapes (allow-lists: a key hash never leaves).
import type { ApiKey, ApiScope, Application, Mode } from '../../../shared/schemas/developer';

export interface ApplicationRow {
  id: string;
  owner_id: string;
  name: string;
  description: string;
  created_at: Date;
}

export interface ApiKeyRow {
  id: string;
  application_id: string;
  name: string;
  mode: Mode;
  key_hash: string;
  display: string;
  scopes: ApiScope[];
  rate_limit_per_minute: number;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const toApplication = (r: ApplicationRow): Application => ({
  id: r.id,
  name: r.name,
  description: r.description,
  createdAt: r.created_at,
});

export const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  applicationId: r.application_id,
  name: r.name,
  mode: r.mode,
  display: r.display,
  scopes: r.scopes,
  rateLimitPerMinute: r.rate_limit_per_minute,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});
