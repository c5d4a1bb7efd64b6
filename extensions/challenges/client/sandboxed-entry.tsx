// An entry's content, only ever in a sandboxed frame: `sandbox="allow-scripts"` without
// allow-same-origin gives it an opaque origin (its server answer says `sandbox` too), so its
// scripts run but cannot reach this page, its cookies or its storage.
export function SandboxedEntry({ src, title, height = 260 }: { src: string; title: string; height?: number }) {
  return <iframe src={src} title={title} sandbox="allow-scripts" referrerPolicy="no-referrer" loading="lazy" style={{ width: '100%', height, border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, background: '#fff' }} />;
}
