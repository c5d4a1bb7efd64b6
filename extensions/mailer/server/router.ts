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
import * as ex from './examples';

const tags = ['mailer'];
const operator = adminOrApiKeyProcedure('mailer:manage');
const mailer = (ctx: Context) => kernelOf(ctx, 'mailer');
const settings = (ctx: Context) => mailer(ctx).settings(mailerSettings);
const keys = (ctx: Context) => couponKeys(settings(ctx).couponSecret);

export const mailerRouter = router({
  createCampaign: operator
    .meta({
      openapi: {
        method: 'POST',
        path: '/mailer/campaigns',
        tags,
        summary: 'Create a campaign',
        description:
          'Creates a campaign: the benefits each of its coupon codes grants (an XP boost, free uses of an ' +
          'action, XP), the period it runs and, optionally, a budget of redemptions in all. A skill a benefit ' +
          'names must exist. A test key creates a test campaign of its own application.',
        protect: true,
      },
      successStatus: 201,
      examples: ex.createCampaign,
    })
    .input(s.createCampaignInput)
    .output(s.createCampaignOutput)
    .mutation(({ ctx, input }) => campaigns.createCampaign(mailer(ctx), mailer(ctx).db, ctx.actor, input)),

  campaigns: operator
    .meta({
      openapi: {
        method: 'GET',
        path: '/mailer/campaigns',
        tags,
        summary: 'Campaigns, newest first',
        description:
          'Campaigns, newest first, with how many redemptions each has had. A test key lists its own ' +
          'application’s test campaigns instead of the live ones.',
        protect: true,
      },
      examples: ex.campaigns,
    })
    .input(s.listCampaignsInput)
    .output(s.campaignsOutput)
    .query(({ ctx, input }) => campaigns.listCampaigns(mailer(ctx).db, ctx.actor, input)),

  campaign: operator
    .meta({
      openapi: {
        method: 'GET',
        path: '/mailer/campaigns/{campaignId}',
        tags,
        summary: 'One campaign',
        description:
          'One campaign, with its benefits, budget and redemptions so far.',
        protect: true,
      },
      examples: ex.campaign,
    })
    .input(s.campaignIdInput)
    .output(s.campaignOutput)
    .query(({ ctx, input }) => campaigns.getCampaign(mailer(ctx).db, ctx.actor, input.campaignId)),

  generateCoupons: operator
    .meta({
      secretAnswer: true,
      openapi: {
        method: 'POST',
        path: '/mailer/coupons',
        tags,
        summary: 'Generate a batch of coupon codes (shown once)',
        description:
          'Generates a batch of codes for a campaign (XXXX-XXXX-XXXX, with a check character, so typos are ' +
          'caught before any lookup). The codes are in this answer and in a CSV that `csvUrl` gives once (POST, ' +
          'same credentials); only keyed hashes are stored. 409 when the campaign has ended.',
        protect: true,
      },
      successStatus: 201,
      errors: ['NOT_FOUND', 'CONFLICT'],
      examples: ex.generateCoupons,
    })
    .input(s.generateCouponsInput)
    .output(s.generateCouponsOutput)
    .mutation(({ ctx, input }) => mailer(ctx).transaction((trx) => campaigns.generateCoupons(trx, keys(ctx), ctx.actor, input))),

  batches: operator
    .meta({
      openapi: {
        method: 'GET',
        path: '/mailer/campaigns/{campaignId}/batches',
        tags,
        summary: 'A campaign’s code batches',
        description:
          'A campaign’s code batches, newest first: how many codes, uses and redemptions, and whether the ' +
          'one-time CSV is still waiting.',
        protect: true,
      },
      errors: ['GONE'],
      examples: ex.batches,
    })
    .input(s.batchesInput)
    .output(s.batchesOutput)
    .query(({ ctx, input }) => campaigns.listBatches(mailer(ctx).db, ctx.actor, input)),

  // tRPC only (the web client saves it as a file); REST has POST /api/mailer/batches/{id}/codes.csv.
  takeBatchCsv: operator
    .input(s.batchIdInput)
    .output(s.csvFileOutput)
    .mutation(({ ctx, input }) => mailer(ctx).transaction((trx) => campaigns.takeBatchCsv(trx, keys(ctx), ctx.actor, input.batchId))),

  redeem: userProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/mailer/redeem',
        tags,
        summary: 'Redeem a coupon code',
        description:
          'Redeems a code for the signed-in user and applies its campaign’s benefits at once: boosts start (or ' +
          'queue behind a running one), free uses and XP are added. A code works once per user, `usesPerCode` ' +
          'times in all, within the campaign’s dates and budget: 409 `ALREADY_REDEEMED`, `CAMPAIGN_EXHAUSTED` ' +
          'or `CAMPAIGN_NOT_STARTED`, 410 once expired, 404 for an unknown code. Failed guesses are limited per ' +
          'user and address (429). Send an `Idempotency-Key` to retry safely.',
        protect: true,
      },
      idempotent: true,
      errors: ['NOT_FOUND', 'CONFLICT', 'GONE', 'RATE_LIMITED'],
      examples: ex.redeem,
    })
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
    .meta({
      openapi: {
        method: 'GET',
        path: '/mailer/inventory',
        tags,
        summary: 'Your coupons, XP boosts and free actions',
        description:
          'What you hold: your latest redemptions, the codes actions granted you (by their last 4 characters), ' +
          'your XP boosts (running or queued) and free action uses.',
        protect: true,
      },
      examples: ex.inventory,
    })
    .input(emptyInput.optional())
    .output(s.inventoryOutput)
    .query(({ ctx }) => redemption.userInventory(mailer(ctx), mailer(ctx).db, ctx.actor.userId)),

  address: userProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/mailer/address',
        tags,
        summary: 'Your mailing address (private)',
        description:
          'Your mailing address, or `null`. Only you and operators mailing a campaign see it.',
        protect: true,
      },
      examples: ex.address,
    })
    .input(emptyInput.optional())
    .output(s.myAddressOutput)
    .query(({ ctx }) => deliveries.getMyAddress(mailer(ctx).db, ctx.actor.userId)),

  setAddress: userProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/mailer/address',
        tags,
        summary: 'Set your mailing address',
        description:
          'Sets your mailing address (one per user; this replaces it). With `optedIn: false` you keep the ' +
          'address but receive no mailings.',
        protect: true,
      },
      examples: ex.setAddress,
    })
    .input(s.setAddressInput)
    .output(s.addressOutput)
    .mutation(({ ctx, input }) => deliveries.setMyAddress(mailer(ctx).db, ctx.actor.userId, input)),

  deleteAddress: userProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/mailer/address',
        tags,
        summary: 'Forget your mailing address',
        description:
          'Forgets your mailing address. Deliveries already queued keep the copy they were made with.',
        protect: true,
      },
      successStatus: 204,
    })
    .input(emptyInput.optional())
    .output(noContent)
    .mutation(({ ctx }) => deliveries.deleteMyAddress(mailer(ctx).db, ctx.actor.userId)),

  queueDeliveries: operator
    .meta({
      openapi: {
        method: 'POST',
        path: '/mailer/campaigns/{campaignId}/deliveries',
        tags,
        summary: 'Queue a delivery to every opted-in address',
        description:
          'Queues one delivery to every opted-in address, copying the address as it is now. Users already ' +
          'queued for the campaign are skipped, so running it again queues only newcomers. Test-mode campaigns ' +
          'have no mailing list (409).',
        protect: true,
      },
      successStatus: 201,
      errors: ['CONFLICT'],
      examples: ex.queueDeliveries,
    })
    .input(s.campaignIdInput)
    .output(s.queueDeliveriesOutput)
    .mutation(({ ctx, input }) => deliveries.queueDeliveries(mailer(ctx).db, ctx.actor, input.campaignId)),

  deliveries: operator
    .meta({
      openapi: {
        method: 'GET',
        path: '/mailer/campaigns/{campaignId}/deliveries',
        tags,
        summary: 'A campaign’s deliveries',
        description:
          'A campaign’s deliveries with their addresses and status, newest first; filter by `status`. The print ' +
          'house’s list is GET /api/mailer/campaigns/{campaignId}/mailing-list.csv.',
        protect: true,
      },
      examples: ex.deliveries,
    })
    .input(s.deliveriesInput)
    .output(s.deliveriesOutput)
    .query(({ ctx, input }) => deliveries.listDeliveries(mailer(ctx), mailer(ctx).db, ctx.actor, input)),

  updateDelivery: operator
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/mailer/deliveries/{deliveryId}',
        tags,
        summary: 'Move a delivery forward (printed, mailed, returned)',
        description:
          'Moves a delivery forward: queued → printed → mailed → returned. Steps may be skipped but never ' +
          'undone (409), and each records when it happened.',
        protect: true,
      },
      errors: ['CONFLICT'],
      examples: ex.updateDelivery,
    })
    .input(s.updateDeliveryInput)
    .output(s.mailerDeliveryOutput)
    .mutation(({ ctx, input }) => deliveries.updateDelivery(mailer(ctx), mailer(ctx).db, ctx.actor, input)),

  // tRPC only; REST has GET /api/mailer/campaigns/{id}/mailing-list.csv.
  mailingList: operator
    .input(s.campaignIdInput)
    .output(s.csvFileOutput)
    .query(({ ctx, input }) => deliveries.mailingListCsv(mailer(ctx), mailer(ctx).db, ctx.actor, input.campaignId)),
});
