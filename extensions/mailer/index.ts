// Mailer campaigns: monthly, yearly and one-off campaigns whose coupon codes (printed, mailed, or
// granted by an action's grant_coupon effect) users redeem for XP boosts, free actions and XP.
import { defineExtension } from '../../server/extensions/api';
import { mailerRouter } from './server/router';
import { couponRedeemed } from './server/events';
import { grantCouponEffect } from './server/grant-coupon';
import { convertLegacyGrantedCodes } from './server/legacy-codes';
import { couponKeys } from './server/coupon-code';
import { mailerDownloads } from './server/downloads';
import { mailerSettings } from './settings';
import { seedDemoMailer, unusedDemoCoupons } from './demo';
import * as createMailer from './migrations/20261125000005_mailer';
import * as codeOwners from './migrations/20261206000002_coupon_code_owners';
import * as budgetSlots from './migrations/mailer_20261209005101_budget_slots';

export default function mailer() {
  return defineExtension({
    id: 'mailer',
    version: '1.0.0',
    description: 'Mailer campaigns with single-use coupon codes for XP boosts, free actions and XP; mailing lists and deliveries.',
    settings: mailerSettings,
    migrations: {
      '20261125000005_mailer': createMailer,
      '20261206000002_coupon_code_owners': codeOwners,
      mailer_20261209005101_budget_slots: budgetSlots,
    },
    router: mailerRouter,
    restPrefixes: ['/mailer'],
    http: mailerDownloads,
    effects: [grantCouponEffect],
    events: [couponRedeemed],
    scopes: [{ scope: 'mailer:manage', description: 'Create campaigns, generate coupon codes and manage mailing deliveries.', privileged: true }],
    async afterMigrate(kernel) {
      // Codes an older version kept in clear in the effect log become hashes (server/legacy-codes.ts).
      const converted = await convertLegacyGrantedCodes(kernel, couponKeys(kernel.settings(mailerSettings).couponSecret));
      if (converted) kernel.log.info({ converted }, 'granted coupon codes removed from the effect log (kept as hashes)');
    },
    async demo(kernel, demo) {
      const { campaigns, redemptions } = await seedDemoMailer(kernel, demo);
      return { campaigns, redemptions };
    },
    async demoNotes(kernel) {
      const codes = await unusedDemoCoupons(kernel);
      return codes.length ? [`demo coupons    ${codes.join(', ')} (redeem them on /coupons)`] : [];
    },
    testData: {
      async count(trx, applicationId) {
        const [row] = await trx('mailer_campaigns').where({ mode: 'test', application_id: applicationId }).count({ n: '*' });
        return { campaigns: Number(row?.n ?? 0) };
      },
      // Test campaigns stay, as before extensions: their codes may be printed already.
      async wipe() {},
    },
  });
}
