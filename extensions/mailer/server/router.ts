// Mailer procedures: campaigns, code batches, redemption, the inventory, addresses and deliveries.
import * as s from '../schemas';
import { emptyInput } from '../../../shared/schemas/primitives';
import { noContent } from '../../../shared/schemas/auth';
import { adminOrApiKeyProcedure, kernelOf, router, userProcedure, type Context } from '../../../server/extensions/api';
import { mailerSettings } from '../settings';
import { couponKeys } from './coupon-code';
import * as campaigns from './campaigns';
import * as redemption from './redemption';
import * as deliveries from './deliveries';

const tags = ['mailer'];
const operator = adminOrApiKeyProcedure('mailer:manage');
const mailer = (ctx: Context) => kernelOf(ctx, 'mailer');
const settings = (ctx: Context) => mailer(ctx).settings(mailerSettings);
const keys = (ctx: Context) => couponKeys(settings(ctx).couponSecret);

export const mailerRouter = router({
  createCampaign: operator
    .meta({ openapi: { method: 'POST', path: '/mailer/campaigns', tags, summary: 'Create a campaign', protect: true }, successStatus: 201 })
    .input(s.createCampaignInput)
    .output(s.createCampaignOutput)
    .mutation(({ ctx, input }) => campaigns.createCampaign(mailer(ctx), mailer(ctx).db, ctx.actor, input)),

  campaigns: operator
    .meta({ openapi: { method: 'GET', path: '/mailer/campaigns', tags, summary: 'Campaigns, newest first', protect: true } })
    .input(s.listCampaignsInput)
    .output(s.campaignsOutput)
    .query(({ ctx, input }) => campaigns.listCampaigns(mailer(ctx).db, ctx.actor, input)),

  campaign: operator
    .meta({ openapi: { method: 'GET', path: '/mailer/campaigns/{campaignId}', tags, summary: 'One campaign', protect: true } })
    .input(s.campaignIdInput)
    .output(s.campaignOutput)
    .query(({ ctx, input }) => campaigns.getCampaign(mailer(ctx).db, ctx.actor, input.campaignId)),

  generateCoupons: operator
    .meta({ openapi: { method: 'POST', path: '/mailer/coupons', tags, summary: 'Generate a batch of coupon codes (shown once)', protect: true }, successStatus: 201, errors: ['NOT_FOUND', 'CONFLICT'] })
    .input(s.generateCouponsInput)
    .output(s.generateCouponsOutput)
    .mutation(({ ctx, input }) => mailer(ctx).transaction((trx) => campaigns.generateCoupons(trx, keys(ctx), ctx.actor, input))),

  batches: operator
    .meta({ openapi: { method: 'GET', path: '/mailer/campaigns/{campaignId}/batches', tags, summary: 'A campaign’s code batches', protect: true }, errors: ['GONE'] })
    .input(s.batchesInput)
    .output(s.batchesOutput)
    .query(({ ctx, input }) => campaigns.listBatches(mailer(ctx).db, ctx.actor, input)),

  // tRPC only (the web client saves it as a file); REST has POST /api/mailer/batches/{id}/codes.csv.
  takeBatchCsv: operator
    .input(s.batchIdInput)
    .output(s.csvFileOutput)
    .mutation(({ ctx, input }) => mailer(ctx).transaction((trx) => campaigns.takeBatchCsv(trx, keys(ctx), ctx.actor, input.batchId))),

  redeem: userProcedure
    .meta({ openapi: { method: 'POST', path: '/mailer/redeem', tags, summary: 'Redeem a coupon code', protect: true }, idempotent: true, errors: ['NOT_FOUND', 'CONFLICT', 'GONE', 'RATE_LIMITED'] })
    .input(s.redeemInput)
    .output(s.redeemOutput)
    .mutation(({ ctx, input }) =>
      redemption.redeemCoupon(
        mailer(ctx),
        { keys: keys(ctx), throttle: settings(ctx).throttle },
        { userId: ctx.actor.userId, ip: ctx.req.ip, code: input.code },
      ),
    ),

  inventory: userProcedure
    .meta({ openapi: { method: 'GET', path: '/mailer/inventory', tags, summary: 'Your coupons, XP boosts and free actions', protect: true } })
    .input(emptyInput.optional())
    .output(s.inventoryOutput)
    .query(({ ctx }) => redemption.userInventory(mailer(ctx), mailer(ctx).db, ctx.actor.userId)),

  address: userProcedure
    .meta({ openapi: { method: 'GET', path: '/mailer/address', tags, summary: 'Your mailing address (private)', protect: true } })
    .input(emptyInput.optional())
    .output(s.myAddressOutput)
    .query(({ ctx }) => deliveries.getMyAddress(mailer(ctx).db, ctx.actor.userId)),

  setAddress: userProcedure
    .meta({ openapi: { method: 'PUT', path: '/mailer/address', tags, summary: 'Set your mailing address', protect: true } })
    .input(s.setAddressInput)
    .output(s.addressOutput)
    .mutation(({ ctx, input }) => deliveries.setMyAddress(mailer(ctx).db, ctx.actor.userId, input)),

  deleteAddress: userProcedure
    .meta({ openapi: { method: 'DELETE', path: '/mailer/address', tags, summary: 'Forget your mailing address', protect: true }, successStatus: 204 })
    .input(emptyInput.optional())
    .output(noContent)
    .mutation(({ ctx }) => deliveries.deleteMyAddress(mailer(ctx).db, ctx.actor.userId)),

  queueDeliveries: operator
    .meta({ openapi: { method: 'POST', path: '/mailer/campaigns/{campaignId}/deliveries', tags, summary: 'Queue a delivery to every opted-in address', protect: true }, successStatus: 201, errors: ['CONFLICT'] })
    .input(s.campaignIdInput)
    .output(s.queueDeliveriesOutput)
    .mutation(({ ctx, input }) => deliveries.queueDeliveries(mailer(ctx).db, ctx.actor, input.campaignId)),

  deliveries: operator
    .meta({ openapi: { method: 'GET', path: '/mailer/campaigns/{campaignId}/deliveries', tags, summary: 'A campaign’s deliveries', protect: true } })
    .input(s.deliveriesInput)
    .output(s.deliveriesOutput)
    .query(({ ctx, input }) => deliveries.listDeliveries(mailer(ctx), mailer(ctx).db, ctx.actor, input)),

  updateDelivery: operator
    .meta({ openapi: { method: 'PATCH', path: '/mailer/deliveries/{deliveryId}', tags, summary: 'Move a delivery forward (printed, mailed, returned)', protect: true }, errors: ['CONFLICT'] })
    .input(s.updateDeliveryInput)
    .output(s.mailerDeliveryOutput)
    .mutation(({ ctx, input }) => deliveries.updateDelivery(mailer(ctx), mailer(ctx).db, ctx.actor, input)),

  // tRPC only; REST has GET /api/mailer/campaigns/{id}/mailing-list.csv.
  mailingList: operator
    .input(s.campaignIdInput)
    .output(s.csvFileOutput)
    .query(({ ctx, input }) => deliveries.mailingListCsv(mailer(ctx), mailer(ctx).db, ctx.actor, input.campaignId)),
});
