// The widget's look: CSS custom properties a site sets through `theme` (or 'light' / 'dark').
export type Theme =
  | 'light'
  | 'dark'
  | { accent?: string; background?: string; text?: string; radius?: string; font?: string };

const presets = {
  light: { accent: '#e64980', background: '#ffffff', text: '#1a1b1e', radius: '16px', font: 'system-ui, sans-serif' },
  dark: { accent: '#f06595', background: '#1a1b1e', text: '#f1f3f5', radius: '16px', font: 'system-ui, sans-serif' },
};

/** A CSS value a site passes in: no characters that could end the declaration. */
const safe = (value: string | undefined, fallback: string) => (value && /^[#(),.%\w\s-]{1,60}$/.test(value) ? value : fallback);

export function themeVariables(theme: Theme = 'light'): string {
  const base = presets.light;
  const t = typeof theme === 'string' ? (presets[theme] ?? base) : { ...base, ...theme };
  return [
    `--cs-accent:${safe(t.accent, base.accent)}`,
    `--cs-bg:${safe(t.background, base.background)}`,
    `--cs-text:${safe(t.text, base.text)}`,
    `--cs-radius:${safe(t.radius, base.radius)}`,
    `--cs-font:${safe(t.font, base.font)}`,
  ].join(';');
}

export const styles = `
.frame{font-family:var(--cs-font);color:var(--cs-text);background:var(--cs-bg);padding:12px;border-radius:var(--cs-radius);max-width:360px}
.stack{min-height:340px;display:flex;align-items:center;justify-content:center}
.card{width:100%;box-sizing:border-box;border-radius:var(--cs-radius);box-shadow:0 2px 12px rgba(0,0,0,.18);padding:12px;background:var(--cs-bg);touch-action:none;user-select:none;cursor:grab;transition:transform .15s}
.card:focus{outline:3px solid var(--cs-accent);outline-offset:2px}
.card img{width:100%;aspect-ratio:1;object-fit:cover;border-radius:calc(var(--cs-radius) - 4px)}
.card h3{margin:8px 0 4px;font-size:1.25rem}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:0;font-size:.9rem}
.card dt{opacity:.7}.card dd{margin:0}
.status{min-height:1.2em;text-align:center;margin:8px 0}
.buttons{display:flex;gap:8px;justify-content:center}
.buttons button{font:inherit;padding:8px 14px;border-radius:999px;border:2px solid var(--cs-accent);background:transparent;color:var(--cs-text);cursor:pointer}
.buttons button.like{background:var(--cs-accent);color:#fff}
.buttons button:disabled{opacity:.4;cursor:default}
.buttons button:focus-visible{outline:3px solid var(--cs-accent);outline-offset:2px}
`;
