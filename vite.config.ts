// Vite build and dev server for the web client in client/: builds to dist/client, which the
// server serves; in development it proxies the API doors to the server on port 5001.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { calosExtensions } from './client/extensions-plugin.ts';

// The server `npm run dev:server` starts; CALOS_DEV_API_URL points the proxy elsewhere.
const api = process.env.CALOS_DEV_API_URL ?? 'http://127.0.0.1:5001';

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react(), calosExtensions(fileURLToPath(new URL('.', import.meta.url)))],
  // Vite marks index.html's tags and a <meta property="csp-nonce"> with this; the server puts a fresh
  // nonce in its place on every response (server/security-headers.ts) and client/main.tsx hands it to
  // the libraries that write <style> elements.
  html: { cspNonce: 'CALOS_CSP_NONCE' },
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // Libraries in their own long-cached chunks, so a release of the app re-downloads only its code.
    // A group takes the modules its members import along with them, so the groups others depend on
    // (React first) have the higher priority.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', priority: 4, test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ },
            { name: 'mantine', priority: 3, test: /node_modules[\\/](@mantine[\\/](?!charts[\\/])[\w-]+|@floating-ui|@tabler|react-number-format|clsx|react-remove-scroll.*|react-textarea-autosize)[\\/]/ },
            // Charts load only with the pages that draw them (the developer portal's Usage tab, ratings);
            // their small stylesheet, imported by main.tsx, stays out of this group so it does not pull them
            // in. Two chunks, each under the 500 kB warning: the chart components, and what they draw with.
            { name: 'charts', priority: 1, test: /node_modules[\\/](@mantine[\\/]charts|recharts)[\\/](?!.*\.css$)/ },
            { name: 'charts-vendor', priority: 2, test: /node_modules[\\/](victory-vendor|d3-[a-z-]+|internmap|@reduxjs|redux|redux-thunk|react-redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|use-sync-external-store)[\\/]/ },
            { name: 'api', priority: 3, test: /node_modules[\\/](@tanstack|@trpc|superjson|copy-anything|is-what|zod)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // Host and Origin are passed through unchanged (no changeOrigin): the server accepts a
    // cookie-authenticated write only when its Origin matches the Host it was sent to.
    // Anchored patterns: a bare '/trpc' prefix would also swallow the module /trpc.ts.
    proxy: {
      '^/trpc(/|$)': { target: api },
      '^/api(/|$)': { target: api },
    },
  },
});
