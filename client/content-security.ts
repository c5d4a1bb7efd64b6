// What the web client does to run under the page's Content-Security-Policy (server/security-headers.ts),
// imported first by main.tsx so it runs before any other module.
import { z } from 'zod';

// No `new Function`: Zod's compiled object parsers (and its probe for them, which a strict policy
// reports as a violation even though Zod catches it) stay off; schemas parse the same without them.
z.config({ jitless: true });

/**
 * The policy allows no inline style without this response's nonce, which the server writes into
 * index.html (vite.config.ts, html.cspNonce). Mantine's <style> elements take it through
 * MantineProvider's getStyleNonce; react-remove-scroll (Mantine's modals) reads get-nonce's
 * documented global.
 */
const styleNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce;

export const getStyleNonce = styleNonce ? () => styleNonce : undefined;
