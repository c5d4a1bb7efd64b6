// Example requests and responses of the mailer routes, for the API reference (server/openapi-examples.ts).
import * as s from '../schemas';
import { at, exampleIds, examples } from '../../../server/extensions/api';

const { grace } = exampleIds;
const campaignId = '3f2b8c1d-6e4a-4d7b-9c5e-8a1f2d3b4c6e';
const batchId = '7e5d3c1b-9a8f-4e6d-8c4b-2a1f9e8d7c6b';
const redemptionId = 'a1c3e5f7-2b4d-4f68-9a0b-c1d3e5f7a9b2';
const boostId = 'b2d4f6a8-3c5e-4a79-8b1c-d2e4f6a8b0c3';
const deliveryId = 'c3e5a7b9-4d6f-4b8a-9c2d-e3f5a7b9c1d4';

const benefits = [
  { type: 'xp_boost' as const, multiplier: 2, hours: 48 },
  { type: 'free_action' as const, actionCode: 'complete_challenge', uses: 3 },
];
const december = {
  id: campaignId,
  name: 'December mailer',
  period: 'monthly' as const,
  mode: 'live' as const,
  startsAt: at('2026-12-01T00:00:00.000Z'),
  endsAt: at('2027-01-01T00:00:00.000Z'),
  benefits,
  maxRedemptions: 5000,
  redemptionsCount: 0,
  createdAt: at('2026-11-28T14:12:09.377Z'),
};
const boost = {
  id: boostId,
  multiplier: 2,
  skill: null,
  startsAt: at('2026-12-07T09:40:12.905Z'),
  endsAt: at('2026-12-09T09:40:12.905Z'),
  active: true,
  secondsLeft: 172_800,
  source: `coupon:${redemptionId}`,
};
const graceAddress = {
  recipient: 'Grace Hopper',
  line1: '1 Compiler Way',
  line2: 'Apt 4B',
  city: 'Arlington',
  region: 'VA',
  postalCode: '22201',
  country: 'US',
};
const delivery = {
  id: deliveryId,
  campaignId,
  userId: grace,
  username: 'grace',
  address: graceAddress,
  status: 'queued' as const,
  note: '',
  createdAt: at('2026-12-07T11:00:02.513Z'),
  printedAt: null,
  mailedAt: null,
  returnedAt: null,
};

export const createCampaign = examples(
  { input: s.createCampaignInput, output: s.createCampaignOutput },
  {
    request: { name: 'December mailer', period: 'monthly', startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z', benefits, maxRedemptions: 5000 },
    response: december,
  },
);

export const campaigns = examples(
  { input: s.listCampaignsInput, output: s.campaignsOutput },
  {
    request: { limit: 20 },
    response: {
      items: [
        { ...december, redemptionsCount: 1214 },
        {
          id: 'd4f6b8c0-5e7a-4c9b-8d3e-f4a6b8c0d2e5',
          name: 'Welcome pack 2026',
          period: 'yearly',
          mode: 'live',
          startsAt: at('2026-01-01T00:00:00.000Z'),
          endsAt: at('2027-01-01T00:00:00.000Z'),
          benefits: [{ type: 'xp_grant', skill: 'writing', xp: 500 }],
          maxRedemptions: null,
          redemptionsCount: 8093,
          createdAt: at('2025-12-15T09:30:00.118Z'),
        },
      ],
      nextCursor: null,
    },
  },
);

export const campaign = examples(
  { input: s.campaignIdInput, output: s.campaignOutput },
  { request: { campaignId }, response: { ...december, redemptionsCount: 1214 } },
);

export const generateCoupons = examples(
  { input: s.generateCouponsInput, output: s.generateCouponsOutput },
  {
    request: { campaignId, count: 3, usesPerCode: 1, expiresAt: '2026-12-31T23:59:59Z' },
    response: {
      batchId,
      count: 3,
      codes: ['359V-EY6J-ZS6T', 'BBMS-ZGK2-5FZV', 'TQBK-SDK4-QPQY'],
      csvUrl: `/api/mailer/batches/${batchId}/codes.csv`,
    },
  },
);

export const batches = examples(
  { input: s.batchesInput, output: s.batchesOutput },
  {
    request: { campaignId, limit: 20 },
    response: {
      items: [
        {
          id: batchId,
          campaignId,
          count: 3,
          usesPerCode: 1,
          expiresAt: at('2026-12-31T23:59:59.000Z'),
          redeemed: 1,
          csvAvailable: false,
          csvDownloadedAt: at('2026-12-07T09:35:40.262Z'),
          createdAt: at('2026-12-07T09:35:18.040Z'),
        },
      ],
      nextCursor: null,
    },
  },
);

export const redeem = examples(
  { input: s.redeemInput, output: s.redeemOutput },
  {
    request: { code: 'BBMS-ZGK2-5FZV' },
    response: {
      redemption: { id: redemptionId, campaignId, campaignName: 'December mailer', redeemedAt: at('2026-12-07T09:40:12.905Z') },
      benefits: [
        { type: 'xp_boost', boost },
        { type: 'free_action', actionCode: 'complete_challenge', uses: 3, usesLeft: 3 },
      ],
    },
  },
);

export const inventory = examples(
  { output: s.inventoryOutput },
  {
    response: {
      coupons: [
        { redemptionId, campaignId, campaignName: 'December mailer', redeemedAt: at('2026-12-07T09:40:12.905Z'), benefits, codeHint: null },
      ],
      grantedCodes: [
        {
          couponId: 'e5a7c9d1-6f8b-4dac-9e4f-a5b7c9d1e3f6',
          campaignId,
          campaignName: 'December mailer',
          codeHint: '7QX4',
          status: 'unused',
          expiresAt: at('2027-01-01T00:00:00.000Z'),
          grantedAt: at('2026-12-05T18:22:31.744Z'),
        },
      ],
      activeBoosts: [{ ...boost, secondsLeft: 171_350 }],
      freeActions: [{ actionCode: 'complete_challenge', usesLeft: 2 }],
    },
  },
);

export const address = examples(
  { output: s.myAddressOutput },
  { response: { address: { ...graceAddress, optedIn: true, updatedAt: at('2026-12-06T20:15:44.390Z') } } },
);

export const setAddress = examples(
  { input: s.setAddressInput, output: s.addressOutput },
  {
    request: { ...graceAddress, optedIn: true },
    response: { ...graceAddress, optedIn: true, updatedAt: at('2026-12-06T20:15:44.390Z') },
  },
);

export const queueDeliveries = examples({ input: s.campaignIdInput, output: s.queueDeliveriesOutput }, { request: { campaignId }, response: { queued: 1187 } });

export const deliveries = examples(
  { input: s.deliveriesInput, output: s.deliveriesOutput },
  {
    request: { campaignId, status: 'queued', limit: 1 },
    response: {
      items: [delivery],
      nextCursor: Buffer.from(JSON.stringify(['2026-12-07T11:00:02.513Z', deliveryId])).toString('base64url'),
    },
  },
);

export const updateDelivery = examples(
  { input: s.updateDeliveryInput, output: s.mailerDeliveryOutput },
  {
    request: { deliveryId, status: 'printed', note: 'Print run 12' },
    response: { ...delivery, status: 'printed', note: 'Print run 12', printedAt: at('2026-12-08T07:30:00.054Z') },
  },
);
