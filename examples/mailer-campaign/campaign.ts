// A mailer campaign from a script: creates the campaign with its benefits, generates a batch of
// single-use coupon codes, and writes them as CSV for the print house. Run it with
// `npm run example:mailer` against a local CalOS (see README.md); options come from the environment:
//   CAMPAIGN_NAME (default "Spring mailer"), CODES (default 100), OUT (default
//   ./data/examples/coupons-<batch>.csv: ./data is git-ignored, and the codes are redeemable secrets).
import fs from 'node:fs';
import path from 'node:path';
import type { CalOS } from '@calos/sdk';
import { sandboxClient } from '../sandbox-client';

export interface CampaignOptions {
  name: string;
  codes: number;
  /** Where to write the CSV; default data/examples/coupons-<batchId>.csv under the current folder. */
  out?: string;
}

export async function runCampaign(calos: CalOS, options: CampaignOptions) {
  const now = Date.now();
  const campaign = await calos.mailer.createCampaign({
    name: options.name,
    period: 'one_off',
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 90 * 86_400_000).toISOString(),
    benefits: [
      { type: 'xp_boost', multiplier: 2, hours: 48 },
      { type: 'xp_grant', skill: 'writing', xp: 500 },
    ],
    maxRedemptions: options.codes,
  });
  const batch = await calos.mailer.generateCoupons({ campaignId: campaign.id, count: options.codes });
  // The CSV can be downloaded once: CalOS keeps no readable copy of the codes afterwards.
  const csv = await calos.mailer.downloadCodesCsv(batch.batchId);
  const file = path.resolve(options.out ?? path.join('data', 'examples', `coupons-${batch.batchId}.csv`));
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, csv, { mode: 0o600 });
  return { campaign, batchId: batch.batchId, count: batch.count, file };
}

async function main() {
  const { calos } = await sandboxClient('Mailer campaigns', ['mailer:manage']);
  const result = await runCampaign(calos, {
    name: process.env.CAMPAIGN_NAME ?? 'Spring mailer',
    codes: Number(process.env.CODES ?? 100),
    ...(process.env.OUT ? { out: process.env.OUT } : {}),
  });
  console.log(`Campaign "${result.campaign.name}" (${result.campaign.id}): ${result.count} codes written to ${result.file}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
