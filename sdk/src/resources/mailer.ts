// calos.mailer: campaigns, coupon codes, redemptions and postal deliveries (/api/mailer/*).
import type { CallOptions, Transport } from '../transport.js';
import type { Body, Query, Result } from '../types.js';

export type Campaign = Result<'/mailer/campaigns/{campaignId}', 'get'>;
export type CouponBatch = Result<'/mailer/coupons', 'post'>;
export type Redemption = Result<'/mailer/redeem', 'post'>;

export class MailerApi {
  constructor(private readonly http: Transport) {}

  /** Admin, or API key with `mailer:manage`. */
  createCampaign(input: Body<'/mailer/campaigns', 'post'>, options?: CallOptions) {
    return this.http.request('post', '/mailer/campaigns', { body: input }, options);
  }

  campaigns(query: Query<'/mailer/campaigns', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/mailer/campaigns', { query }, options);
  }

  campaign(campaignId: string, options?: CallOptions): Promise<Campaign> {
    return this.http.request('get', '/mailer/campaigns/{campaignId}', { path: { campaignId } }, options);
  }

  /** Generates a batch of codes; they are in the answer, and once more in `downloadCodesCsv`. */
  generateCoupons(input: Body<'/mailer/coupons', 'post'>, options?: CallOptions): Promise<CouponBatch> {
    return this.http.request('post', '/mailer/coupons', { body: input }, options);
  }

  batches(campaignId: string, query: Query<'/mailer/campaigns/{campaignId}/batches', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/mailer/campaigns/{campaignId}/batches', { path: { campaignId }, query }, options);
  }

  /**
   * The batch's codes as CSV (code, campaign, uses_per_code, expires_at), for the print house.
   * It can be downloaded once; a second call answers 410 GONE. Not part of the OpenAPI document
   * (it is not JSON), so its types are written here.
   */
  async downloadCodesCsv(batchId: string, options?: CallOptions): Promise<string> {
    return (await this.http.untyped('post', '/mailer/batches/{batchId}/codes.csv', { path: { batchId }, text: true }, options)) as string;
  }

  /** The signed-in user redeems a code. Retried safely with one Idempotency-Key. */
  redeem(code: string, options?: CallOptions): Promise<Redemption> {
    return this.http.request('post', '/mailer/redeem', { body: { code }, idempotent: true }, options);
  }

  inventory(options?: CallOptions) {
    return this.http.request('get', '/mailer/inventory', {}, options);
  }

  address(options?: CallOptions) {
    return this.http.request('get', '/mailer/address', {}, options);
  }

  setAddress(input: Body<'/mailer/address', 'put'>, options?: CallOptions) {
    return this.http.request('put', '/mailer/address', { body: input }, options);
  }

  deleteAddress(options?: CallOptions) {
    return this.http.request('delete', '/mailer/address', {}, options);
  }

  /** Queues a postal delivery for every opted-in user with an address. */
  queueDeliveries(campaignId: string, options?: CallOptions) {
    return this.http.request('post', '/mailer/campaigns/{campaignId}/deliveries', { path: { campaignId } }, options);
  }

  deliveries(campaignId: string, query: Query<'/mailer/campaigns/{campaignId}/deliveries', 'get'> = {}, options?: CallOptions) {
    return this.http.request('get', '/mailer/campaigns/{campaignId}/deliveries', { path: { campaignId }, query }, options);
  }

  updateDelivery(deliveryId: string, input: Body<'/mailer/deliveries/{deliveryId}', 'patch'>, options?: CallOptions) {
    return this.http.request('patch', '/mailer/deliveries/{deliveryId}', { path: { deliveryId }, body: input }, options);
  }
}
