// @calos/sdk: the JavaScript client of the CalOS REST API, and Standard Webhooks verification.
export { CalOS, CalOS as default, paginate } from './client.js';
export {
  CalOSError,
  isCalOSError,
  ValidationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  MethodNotAllowedError,
  ConflictError,
  GoneError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  UnprocessableError,
  RateLimitError,
  ActionUnavailableError,
  CooldownError,
  DailyLimitError,
  ScheduleClosedError,
  ServerError,
  APIConnectionError,
  APITimeoutError,
  InvalidResponseError,
  type CalOSErrorCode,
  type ValidationIssue,
} from './errors.js';
export { Transport, parseRetryAfter, type CalOSOptions, type CallOptions } from './transport.js';
export {
  verifyWebhook,
  signWebhook,
  WebhookVerificationError,
  type WebhookEvent,
  type WebhookHeaders,
  type VerifyOptions,
} from './webhooks-verify.js';
export type { Body, ErrorCode, HttpMethod, Item, KnownPaths, Path, Query, Result } from './types.js';
export type { paths, components, operations } from './generated/openapi.js';
export type { Session, Registration, DeviceReport } from './resources/auth.js';
export type { XPAward, UserSkills, ProgressSummary } from './resources/skills.js';
export type { ActionExecution, ActionAvailability, ActionParams } from './resources/actions.js';
export type { League, LeagueDetail, MatchResult } from './resources/leagues.js';
export type { Campaign, CouponBatch, Redemption } from './resources/mailer.js';
export type { Candle, Candles, ConsensusPrice, TradesIngested, UdfHistory } from './resources/markets.js';
export type { IiifCollection, IiifImage, IiifManifest } from './resources/iiif.js';
export type { SwiperDeck, SwiperDraw, SwiperSwipe, SwiperAnalytics } from './resources/swiper.js';
export type { Challenge, ChallengeEntries, ChallengePair, ChallengeResults } from './resources/challenges.js';
export type { Domain, DomainVote, DomainComparison } from './resources/domains.js';
export type { ConnectedApps, OidcClient, OidcClientWithSecret } from './resources/oidc.js';
export type { WebhookEndpoint } from './resources/webhooks.js';
