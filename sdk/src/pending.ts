// Routes of the REST contract (CONTRACT.md) that the router does not serve yet: the actions engine
// and schedule exceptions. They are typed here in the generated file's shape, and used only while
// the generated `paths` lacks them (see KnownPaths in types.ts): once the routes land, running
// `npm run sdk:generate` makes the generated types win automatically, and this file can go.

type Json<T> = { content: { 'application/json': T } };
type Reply<Status extends number, T> = { parameters: object; responses: { [S in Status]: Json<T> } };

export interface ActionEffectDefinition {
  effectCode: string;
  effectParams: Record<string, unknown>;
}

export interface ActionDefinition {
  code: string;
  name: string;
  category: string;
  cooldownSeconds: number;
  dailyLimit: number | null;
  schedules: string[];
  effects: ActionEffectDefinition[];
}

export interface ActionExecution {
  execution: { id: string; actionCode: string; executedAt: string };
  effects: { effectCode: string; status: string; result: unknown }[];
}

export interface ActionAvailability {
  available: boolean;
  reason: string | null;
  nextAvailableAt: string | null;
  remainingToday: number | null;
  cooldownEndsAt: string | null;
}

export interface ActionHistoryEntry {
  id: string;
  actionCode: string;
  status: string;
  executedAt: string;
  [field: string]: unknown;
}

export interface ActionStats {
  total: number;
  today: number;
  byAction: { actionCode: string; count: number; lastExecutedAt: string | null }[];
}

export interface ScheduleException {
  id: string;
  userId: string;
  actionCode: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  [field: string]: unknown;
}

export interface PendingPaths {
  '/actions': {
    get: Reply<200, { items: ActionDefinition[] }> & { parameters: { query?: { category?: string } } };
  };
  '/actions/execute': {
    post: Reply<200, ActionExecution> & {
      requestBody: Json<{ userId?: string; actionCode: string; params?: Record<string, unknown> }>;
    };
  };
  '/actions/check/{code}': {
    get: Reply<200, ActionAvailability> & { parameters: { path: { code: string }; query?: { userId?: string; at?: string } } };
  };
  '/actions/history': {
    get: Reply<200, { items: ActionHistoryEntry[]; nextCursor: string | null }> & {
      parameters: { query?: { userId?: string; actionCode?: string; limit?: number; cursor?: string } };
    };
  };
  '/actions/stats': {
    get: Reply<200, ActionStats> & { parameters: { query?: { userId?: string } } };
  };
  '/actions/register': {
    post: Reply<201, ActionDefinition> & {
      requestBody: Json<{
        actionCode: string;
        actionName: string;
        actionCategory: string;
        cooldownSeconds?: number;
        dailyLimit?: number | null;
        schedules?: string[];
        effects: ActionEffectDefinition[];
      }>;
    };
  };
  '/schedule/exception': {
    post: Reply<201, ScheduleException> & {
      requestBody: Json<{ userId: string; actionCode: string; startsAt: string; endsAt: string; reason: string }>;
    };
  };
}
