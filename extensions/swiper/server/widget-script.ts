// The widget's script (extensions/swiper/widget/src), bundled with esbuild on first request into one
// minified IIFE (`window.CalosSwiper`) and kept in memory. Nothing prebuilt is committed: esbuild is
// what runs the server's TypeScript already (through tsx), so the bundle always matches the source.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('../widget/src/index.ts', import.meta.url));

let pending: Promise<{ code: string; etag: string }> | null = null;

export function widgetScript(): Promise<{ code: string; etag: string }> {
  pending ??= build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'CalosSwiper',
    target: 'es2020',
    write: false,
    legalComments: 'none',
  }).then(
    (result) => {
      const code = result.outputFiles[0]!.text;
      return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 16)}"` };
    },
    (err: unknown) => {
      pending = null; // let the next request try again
      throw err;
    },
  );
  return pending;
}
