// Rows of the mailer's tables and their API shapes. Code hashes and batch ciphertexts never leave here.
import type { Benefit } from '../../../shared/schemas/benefits';
import type { Campaign, MailerDelivery, MailingAddress } from '../schemas';
import type { Mode } from '../../../shared/schemas/developer';

export interface CampaignRow {
  id: string;
  name: string;
  period: Campaign['period'];
  mode: Mode;
  starts_at: Date;
  ends_at: Date;
  benefits: Benefit[];
  max_redemptions: number | null;
  redemptions_count: number;
  created_by: string | null;
  application_id: string | null;
  created_at: Date;
}

export const toCampaign = (r: CampaignRow): Campaign => ({
  id: r.id,
  name: r.name,
  period: r.period,
  mode: r.mode,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  benefits: r.benefits,
  maxRedemptions: r.max_redemptions,
  redemptionsCount: r.redemptions_count,
  createdAt: r.created_at,
});

export interface BatchRow {
  id: string;
  campaign_id: string;
  count: number;
  uses_per_code: number;
  expires_at: Date | null;
  csv_available: boolean;
  codes_downloaded_at: Date | null;
  redeemed: number | string;
  created_at: Date;
}

export const toBatch = (r: BatchRow) => ({
  id: r.id,
  campaignId: r.campaign_id,
  count: r.count,
  usesPerCode: r.uses_per_code,
  expiresAt: r.expires_at,
  redeemed: Number(r.redeemed),
  csvAvailable: r.csv_available,
  csvDownloadedAt: r.codes_downloaded_at,
  createdAt: r.created_at,
});

export interface AddressRow {
  recipient: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  opted_in: boolean;
  updated_at: Date;
}

export const toAddress = (r: AddressRow): MailingAddress => ({
  recipient: r.recipient,
  line1: r.line1,
  line2: r.line2,
  city: r.city,
  region: r.region,
  postalCode: r.postal_code,
  country: r.country,
  optedIn: r.opted_in,
  updatedAt: r.updated_at,
});

/** The address snapshot kept on a delivery (jsonb, camelCase keys). */
export type AddressSnapshot = MailerDelivery['address'];

export interface DeliveryRow {
  id: string;
  campaign_id: string;
  user_id: string;
  username: string;
  address: AddressSnapshot;
  status: MailerDelivery['status'];
  note: string;
  created_at: Date;
  printed_at: Date | null;
  mailed_at: Date | null;
  returned_at: Date | null;
}

export const toDelivery = (r: DeliveryRow): MailerDelivery => ({
  id: r.id,
  campaignId: r.campaign_id,
  userId: r.user_id,
  username: r.username,
  address: r.address,
  status: r.status,
  note: r.note,
  createdAt: r.created_at,
  printedAt: r.printed_at,
  mailedAt: r.mailed_at,
  returnedAt: r.returned_at,
});
