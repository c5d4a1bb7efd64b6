// The widget's theme: presets and a site's own values become CSS variables; a value that could end
// the declaration (and inject other styles) falls back to the preset.
import { describe, expect, it } from 'vitest';
import { themeVariables } from './theme';

describe('widget theme', () => {
  it('uses the presets and a site’s values', () => {
    expect(themeVariables()).toContain('--cs-bg:#ffffff');
    expect(themeVariables('dark')).toContain('--cs-bg:#1a1b1e');
    expect(themeVariables({ accent: 'rgb(25, 113, 194)', radius: '8px' })).toContain('--cs-accent:rgb(25, 113, 194);');
    expect(themeVariables({ radius: '8px' })).toContain('--cs-radius:8px');
  });

  it('refuses values that could break out of the declaration', () => {
    const css = themeVariables({ accent: 'red;background:url(https://evil.test/x)', text: '}body{display:none', font: 'x'.repeat(100) });
    expect(css).toContain('--cs-accent:#e64980');
    expect(css).toContain('--cs-text:#1a1b1e');
    expect(css).toContain('--cs-font:system-ui, sans-serif');
    expect(css).not.toMatch(/evil|display/);
  });
});
