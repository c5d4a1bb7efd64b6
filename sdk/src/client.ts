// The CalOS client: one object per credential (an application's API key, or a user's token), with
// one property per part of the REST API.
import { AuthApi } from './resources/auth.js';
import { ExtensionsApi } from './resources/extensions.js';
import { ActionsApi } from './resources/actions.js';
import { AppsApi, KeysApi, UsageApi } from './resources/developer.js';
import { LeaguesApi } from './resources/leagues.js';
import { MailerApi } from './resources/mailer.js';
import { MarketsApi } from './resources/markets.js';
import { IiifApi } from './resources/iiif.js';
import { SwiperApi } from './resources/swiper.js';
import { ChallengesApi } from './resources/challenges.js';
import { DomainsApi } from './resources/domains.js';
import { OidcApi } from './resources/oidc.js';
import { ScheduleApi } from './resources/schedule.js';
import { SkillsApi } from './resources/skills.js';
import { UsersApi } from './resources/users.js';
import { WebhooksApi } from './resources/webhooks.js';
import { Transport, type CallOptions, type CalOSOptions } from './transport.js';

export class CalOS {
  readonly auth: AuthApi;
  readonly skills: SkillsApi;
  readonly actions: ActionsApi;
  readonly schedule: ScheduleApi;
  readonly leagues: LeaguesApi;
  readonly mailer: MailerApi;
  readonly markets: MarketsApi;
  readonly iiif: IiifApi;
  readonly swiper: SwiperApi;
  readonly challenges: ChallengesApi;
  readonly domains: DomainsApi;
  readonly oidc: OidcApi;
  readonly webhooks: WebhooksApi;
  readonly apps: AppsApi;
  readonly keys: KeysApi;
  readonly usage: UsageApi;
  readonly users: UsersApi;
  readonly extensions: ExtensionsApi;
  /** Raw access: `calos.http.request('get', '/skills')` for a route without a method here. */
  readonly http: Transport;
  private readonly options: CalOSOptions;

  constructor(options: CalOSOptions = {}) {
    this.options = options;
    this.http = new Transport(options);
    this.auth = new AuthApi(this.http);
    this.skills = new SkillsApi(this.http);
    this.actions = new ActionsApi(this.http);
    this.schedule = new ScheduleApi(this.http);
    this.leagues = new LeaguesApi(this.http);
    this.mailer = new MailerApi(this.http);
    this.markets = new MarketsApi(this.http);
    this.iiif = new IiifApi(this.http);
    this.swiper = new SwiperApi(this.http);
    this.challenges = new ChallengesApi(this.http);
    this.domains = new DomainsApi(this.http);
    this.oidc = new OidcApi(this.http);
    this.webhooks = new WebhooksApi(this.http);
    this.apps = new AppsApi(this.http);
    this.keys = new KeysApi(this.http);
    this.usage = new UsageApi(this.http);
    this.users = new UsersApi(this.http);
    this.extensions = new ExtensionsApi(this.http);
  }

  /** The session token this client sends, if it acts as a user. */
  get token(): string | undefined {
    return this.http.token;
  }

  /** A client with the same settings acting as the user with this session token. */
  withToken(token: string): CalOS {
    const { apiKey: _apiKey, ...rest } = this.options;
    return new CalOS({ ...rest, token });
  }

  /** Liveness of the REST door. */
  ping(options?: CallOptions) {
    return this.http.request('get', '/ping', {}, options);
  }
}

/**
 * Every item of a list route, page after page:
 * `for await (const row of paginate((cursor) => calos.skills.leaderboard({ skill: 'total', cursor })))`.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
