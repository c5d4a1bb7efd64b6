// The mailer's web pages: a user's coupons (redeem a code, what they hold, their mailing address)
// and the administrators' campaigns and campaign pages, each loaded as its own chunk; and their
// navigation entries (Coupons first among rewards, Mailer under Admin).
import { IconMail, IconTicket } from '@tabler/icons-react';
import { defineClientExtension } from '../../../client/extension-api';

export default defineClientExtension({
  id: 'mailer',
  pages: [
    { path: '/coupons', title: 'Coupons', load: () => import('./coupons-page') },
    { path: '/mailer', title: 'Mailer', load: () => import('./campaigns-page'), adminOnly: true },
    { path: '/mailer/campaigns/:campaignId', title: 'Campaign', load: () => import('./campaign-page'), adminOnly: true },
  ],
  nav: [
    { to: '/coupons', label: 'Coupons', icon: IconTicket, end: true, group: 'Rewards & markets', order: 5 },
    { to: '/mailer', label: 'Mailer', icon: IconMail, end: false, group: 'Admin', adminOnly: true, order: 10 },
  ],
});
