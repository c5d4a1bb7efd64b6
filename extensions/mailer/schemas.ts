// Mailer campaigns, coupon batches and codes, redemption, the user's inventory, mailing addresses
// and deliveries, shared by server and client.
import { z } from 'zod';
import { listInput, page, text, timestamp, uuid } from '../../shared/schemas/primitives';
import { appliedBenefitOutput, benefit, benefitList, freeActionOutput, xpBoostOutput } from '../../shared/schemas/benefits';
import { mode } from '../../shared/schemas/developer';

/** An instant given by a client: ISO-8601 with a zone (`2026-12-01T00:00:00Z`). */
export const instantInput = z.iso.datetime({ offset: true }).describe('ISO-8601 instant with a zone, e.g. 2026-12-01T00:00:00Z');

export const campaignPeriod = z.enum(['monthly', 'yearly', 'one_off']);
export const MAX_CODES_PER_BATCH = 100_000;

export const campaignOutput = z.object({
  id: uuid(),
  name: z.string(),
  period: campaignPeriod,
  mode,
  startsAt: timestamp(),
  endsAt: timestamp(),
  benefits: z.array(benefit),
  maxRedemptions: z.number().int().nullable().describe('The budget: redemptions in all; null for none.'),
  redemptionsCount: z.number().int(),
  createdAt: timestamp(),
});
export type Campaign = z.infer<typeof campaignOutput>;

export const createCampaignInput = z
  .strictObject({
    name: text(200, 1),
    period: campaignPeriod,
    startsAt: instantInput,
    endsAt: instantInput,
    benefits: benefitList,
    maxRedemptions: z.number().int().min(1).max(100_000_000).optional().describe('Omit for no budget.'),
  })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), { path: ['endsAt'], message: 'must be after startsAt' });
export const createCampaignOutput = campaignOutput;

export const campaignIdInput = z.strictObject({ campaignId: uuid() });
export const listCampaignsInput = z.strictObject({ ...listInput });
export const campaignsOutput = page(campaignOutput);

export const generateCouponsInput = z.strictObject({
  campaignId: uuid(),
  count: z.number().int().min(1).max(MAX_CODES_PER_BATCH),
  usesPerCode: z.number().int().min(1).max(1_000_000).default(1).describe('How many users may redeem each code (once each).'),
  expiresAt: instantInput.optional().describe('Codes stop working at this instant; the campaign’s end applies anyway.'),
});
export const generateCouponsOutput = z.object({
  batchId: uuid(),
  count: z.number().int(),
  codes: z.array(z.string()).describe('The codes, shown only here and in the one-time CSV download.'),
  csvUrl: z.string().describe('POST here (same credentials) once to download the codes as text/csv.'),
});

export const batchOutput = z.object({
  id: uuid(),
  campaignId: uuid(),
  count: z.number().int(),
  usesPerCode: z.number().int(),
  expiresAt: timestamp().nullable(),
  redeemed: z.number().int().describe('Redemptions of this batch’s codes so far.'),
  csvAvailable: z.boolean().describe('The one-time CSV download is still waiting.'),
  csvDownloadedAt: timestamp().nullable(),
  createdAt: timestamp(),
});
export const batchesInput = z.strictObject({ campaignId: uuid(), ...listInput });
export const batchesOutput = page(batchOutput);
export const batchIdInput = z.strictObject({ batchId: uuid() });
export const csvFileOutput = z.object({ filename: z.string(), csv: z.string() });

export const redeemInput = z.strictObject({
  code: text(64, 1).describe('As printed (XXXX-XXXX-XXXX); case, spaces and dashes do not matter.'),
});
export const redemptionOutput = z.object({
  id: uuid(),
  campaignId: uuid(),
  campaignName: z.string(),
  redeemedAt: timestamp(),
});
export const redeemOutput = z.object({ redemption: redemptionOutput, benefits: z.array(appliedBenefitOutput) });

export const couponOutput = z.object({
  redemptionId: uuid(),
  campaignId: uuid(),
  campaignName: z.string(),
  redeemedAt: timestamp(),
  benefits: z.array(benefit),
  codeHint: z.string().nullable().describe('The last 4 characters of the code, when it was granted to you; null for a printed code.'),
});
export const grantedCodeOutput = z.object({
  couponId: uuid(),
  campaignId: uuid(),
  campaignName: z.string(),
  codeHint: z.string().describe('The code’s last 4 characters. The whole code was shown once, when it was granted, and is not kept.'),
  status: z.enum(['unused', 'used', 'expired']),
  expiresAt: timestamp(),
  grantedAt: timestamp(),
});
export const inventoryOutput = z.object({
  coupons: z.array(couponOutput).describe('Your 50 latest redemptions, newest first.'),
  grantedCodes: z.array(grantedCodeOutput).describe('The 50 latest codes an action granted you (grant_coupon), newest first.'),
  activeBoosts: z.array(xpBoostOutput),
  freeActions: z.array(freeActionOutput),
});

export const addressOutput = z.object({
  recipient: z.string(),
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
  optedIn: z.boolean(),
  updatedAt: timestamp(),
});
export type MailingAddress = z.infer<typeof addressOutput>;
export const myAddressOutput = z.object({ address: addressOutput.nullable() });
export const setAddressInput = z.strictObject({
  recipient: text(200, 1),
  line1: text(200, 1),
  line2: text(200).optional(),
  city: text(100, 1),
  region: text(100).optional(),
  postalCode: text(20, 1),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US').transform((c) => c.toUpperCase()),
  optedIn: z.boolean().default(true).describe('Whether you want physical mailings.'),
});

export const deliveryStatus = z.enum(['queued', 'printed', 'mailed', 'returned']);
export const mailerDeliveryOutput = z.object({
  id: uuid(),
  campaignId: uuid(),
  userId: uuid(),
  username: z.string(),
  address: addressOutput.omit({ optedIn: true, updatedAt: true }),
  status: deliveryStatus,
  note: z.string(),
  createdAt: timestamp(),
  printedAt: timestamp().nullable(),
  mailedAt: timestamp().nullable(),
  returnedAt: timestamp().nullable(),
});
export type MailerDelivery = z.infer<typeof mailerDeliveryOutput>;
export const queueDeliveriesOutput = z.object({ queued: z.number().int().describe('New deliveries; users already queued are skipped.') });
export const deliveriesInput = z.strictObject({ campaignId: uuid(), status: deliveryStatus.optional(), ...listInput });
export const deliveriesOutput = page(mailerDeliveryOutput);
export const updateDeliveryInput = z.strictObject({
  deliveryId: uuid(),
  status: deliveryStatus.describe('Forward only: queued → printed → mailed → returned.'),
  note: text(500).optional(),
});
