// The CommonJS entry (dist/cjs/index.cjs; compiled by tsconfig.cjs.json only): `require('@calos/sdk')`
// is the client class itself, as the seed writes it (`const CalOS = require('@calos/sdk'); new
// CalOS({ apiKey, endpoint })`), carrying every named export of index.ts as a property (`const {
// CalOS, CalOSError } = require('@calos/sdk')`) and itself as `default` (`import CalOS from` in code
// compiled to CommonJS). The namespace gives TypeScript the package's types under the same name;
// sdk/test/build.test.ts checks that this file names every export of index.ts.
import sdk = require('./index.js');

const CalOS = Object.assign(sdk.CalOS, sdk);
type CalOS = sdk.CalOS;
namespace CalOS {
  export type CalOSErrorCode = sdk.CalOSErrorCode;
  export type ValidationIssue = sdk.ValidationIssue;
  export type CalOSOptions = sdk.CalOSOptions;
  export type CallOptions = sdk.CallOptions;
  export type WebhookEvent<T = Record<string, unknown>> = sdk.WebhookEvent<T>;
  export type WebhookHeaders = sdk.WebhookHeaders;
  export type VerifyOptions = sdk.VerifyOptions;
  export type Body<P extends sdk.Path, M extends sdk.HttpMethod> = sdk.Body<P, M>;
  export type ErrorCode = sdk.ErrorCode;
  export type HttpMethod = sdk.HttpMethod;
  export type Item<T> = sdk.Item<T>;
  export type KnownPaths = sdk.KnownPaths;
  export type Path = sdk.Path;
  export type Query<P extends sdk.Path, M extends sdk.HttpMethod> = sdk.Query<P, M>;
  export type Result<P extends sdk.Path, M extends sdk.HttpMethod> = sdk.Result<P, M>;
  export type paths = sdk.paths;
  export type components = sdk.components;
  export type operations = sdk.operations;
  export type Session = sdk.Session;
  export type Registration = sdk.Registration;
  export type DeviceReport = sdk.DeviceReport;
  export type XPAward = sdk.XPAward;
  export type UserSkills = sdk.UserSkills;
  export type ProgressSummary = sdk.ProgressSummary;
  export type ActionExecution = sdk.ActionExecution;
  export type ActionAvailability = sdk.ActionAvailability;
  export type ActionParams = sdk.ActionParams;
  export type League = sdk.League;
  export type LeagueDetail = sdk.LeagueDetail;
  export type MatchResult = sdk.MatchResult;
  export type Campaign = sdk.Campaign;
  export type CouponBatch = sdk.CouponBatch;
  export type Redemption = sdk.Redemption;
  export type Candle = sdk.Candle;
  export type Candles = sdk.Candles;
  export type ConsensusPrice = sdk.ConsensusPrice;
  export type TradesIngested = sdk.TradesIngested;
  export type UdfHistory = sdk.UdfHistory;
  export type IiifImage = sdk.IiifImage;
  export type IiifManifest = sdk.IiifManifest;
  export type IiifCollection = sdk.IiifCollection;
  export type SwiperDeck = sdk.SwiperDeck;
  export type SwiperDraw = sdk.SwiperDraw;
  export type SwiperSwipe = sdk.SwiperSwipe;
  export type SwiperAnalytics = sdk.SwiperAnalytics;
  export type Challenge = sdk.Challenge;
  export type ChallengeEntries = sdk.ChallengeEntries;
  export type ChallengePair = sdk.ChallengePair;
  export type ChallengeResults = sdk.ChallengeResults;
  export type ConnectedApps = sdk.ConnectedApps;
  export type OidcClient = sdk.OidcClient;
  export type OidcClientWithSecret = sdk.OidcClientWithSecret;
  export type WebhookEndpoint = sdk.WebhookEndpoint;
  // The classes' instance types, for annotations (`catch (e) { … e as CalOS.CalOSError }`).
  export type CalOSError = sdk.CalOSError;
  export type Transport = sdk.Transport;
  export type WebhookVerificationError = sdk.WebhookVerificationError;
}
export = CalOS;
