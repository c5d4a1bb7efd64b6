// The kernel's domain types: the running platform and who is calling. Both doors, the jobs and the
// extensions' kernel share them; the transport (trpc.ts, context.ts) only carries them.
import type { Config } from './config';
import type { Database } from './db/index';
import type { EventOutbox } from './events/outbox';
import type { AuthKit } from './modules/auth/service';
import type { KeyPrincipal } from './modules/developer/api-keys';
import type { UsageRecorder } from './modules/usage/recorder';
import type { Mode } from '../shared/schemas/developer';
import type { AppRouter } from './router';
import type { OidcService } from './modules/oidc/provider';
import type { Mailer } from './modules/auth/mail';
import type { LoadedExtensions } from './extensions/loader';
import type { Kernel, KernelServices } from './extensions/kernel';

/** Long-lived things every request may use, built once by createPlatform. */
export interface Platform {
  config: Config;
  db: Database;
  auth: AuthKit;
  events: EventOutbox;
  usage: UsageRecorder;
  /** The extensions this platform loaded (CALOS_EXTENSIONS). */
  extensions: LoadedExtensions;
  /** Each loaded extension's kernel, by id. */
  kernels: ReadonlyMap<string, Kernel>;
  /** What the kernels are made of (the demo seed makes kernels that record events without delivering them). */
  kernelServices: KernelServices;
  /** The kernel's and the loaded extensions' procedures, behind both doors. */
  router: AppRouter;
  /** The OpenID Connect provider (server/modules/oidc). */
  oidc: OidcService;
  /** Outgoing mail, through the job queue (server/modules/auth/mail.ts). */
  mail: Mailer;
}

/**
 * Who is calling, once authenticated: a signed-in user (always live mode) or an application's
 * API key acting in its own mode on behalf of its owner's application.
 */
export type Actor =
  | { kind: 'user'; userId: string; role: 'user' | 'admin'; mode: 'live' }
  | { kind: 'apiKey'; userId: string; mode: Mode; key: KeyPrincipal };

