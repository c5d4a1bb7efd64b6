// `npm run example:sso`: the sample application, configured from the environment:
//   CALOS_URL            CalOS's address (default http://localhost:5001)
//   CALOS_CLIENT_ID      the client registered in the developer portal ("Sign in with CalOS" tab)
//   CALOS_CLIENT_SECRET  its secret (a confidential client)
//   APP_URL              where this app listens (default http://localhost:5409; register
//                        <APP_URL>/callback as the redirect URI and <APP_URL>/ as post-logout URI)
import { startSampleApp } from './app';

const calosUrl = process.env.CALOS_URL ?? 'http://localhost:5001';
const appUrl = process.env.APP_URL ?? 'http://localhost:5409';
const clientId = process.env.CALOS_CLIENT_ID;
const clientSecret = process.env.CALOS_CLIENT_SECRET;
if (!clientId || !clientSecret) {
  console.error(
    `Register a confidential client in CalOS's developer portal (an application's "Sign in with CalOS" tab) with the\n` +
      `redirect URI ${appUrl}/callback and the scopes profile and skills, then run:\n` +
      `  CALOS_CLIENT_ID=… CALOS_CLIENT_SECRET=… npm run example:sso`,
  );
  process.exit(1);
}
const app = await startSampleApp({ calosUrl, clientId, clientSecret, appUrl });
console.log(`Puzzle club (signs in with CalOS at ${calosUrl}) on ${app.url}`);
