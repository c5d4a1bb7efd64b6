// The CalOS client both examples use: CALOS_API_KEY when given; otherwise, for a local try-out, it
// signs in as a developer (the embedded database's demo account by default), creates an application
// and a test-mode key with the scopes the example needs, and uses that. Test-mode keys may hold
// every scope without an administrator, and see and change only test-mode data.
import { CalOS } from '@calos/sdk';

type Scope = 'skills:award' | 'mailer:manage' | 'actions:execute' | 'leagues:manage';

export const endpoint = process.env.CALOS_ENDPOINT ?? 'http://localhost:5001';

export async function sandboxClient(appName: string, scopes: Scope[]): Promise<{ calos: CalOS; developerId: string | undefined }> {
  if (process.env.CALOS_API_KEY) return { calos: new CalOS({ endpoint, apiKey: process.env.CALOS_API_KEY }), developerId: undefined };
  const developer = new CalOS({ endpoint });
  const session = await developer.auth.login(process.env.CALOS_USERNAME ?? 'demo', process.env.CALOS_PASSWORD ?? 'calos-demo-2026');
  const app = await developer.apps.create({ name: appName, description: 'Created by a CalOS example' });
  const { secret } = await developer.apps.createKey(app.id, { name: `${appName} (test mode)`, mode: 'test', scopes });
  console.log(`Signed in as ${session.user.username}; created the application "${appName}" with a test-mode key.`);
  return { calos: new CalOS({ endpoint, apiKey: secret }), developerId: session.user.id };
}
