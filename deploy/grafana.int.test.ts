// The Grafana dashboard (deploy/grafana/calos-dashboard.json): a dashboard Grafana can import (panels
// with positions, targets on a Prometheus data source chosen at import), whose every query names only
// metrics that CalOS's /metrics exports, with the labels those metrics have.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/testing/harness';

const dashboard = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'grafana', 'calos-dashboard.json'), 'utf8')) as {
  uid: string;
  title: string;
  schemaVersion: number;
  templating: { list: Array<{ name: string; type: string }> };
  panels: Array<{ id: number; title: string; type: string; gridPos: { x: number; y: number; w: number; h: number }; datasource: { uid: string }; targets: Array<{ expr: string; refId: string }> }>;
};
const PROMQL_WORDS = new Set(['sum', 'by', 'rate', 'topk', 'histogram_quantile', 'max', 'clamp_min', 'le', 'route', 'status', 'instance', 'e']);

let t: TestApp;
let exported: Map<string, Set<string>>;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.inject({ method: 'GET', url: '/api/skills' });
  const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
  exported = new Map();
  // Every family /metrics declares, with its series names, even before it has a sample (the GC
  // histogram has none until the first collection).
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\w+)$/gm)) {
    const series = type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : type === 'summary' ? [name!, `${name}_sum`, `${name}_count`] : [name!];
    for (const n of series) if (!exported.has(n!)) exported.set(n!, new Set());
  }
  for (const line of text.split('\n')) {
    const sample = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s/.exec(line);
    if (!sample) continue;
    const labels = exported.get(sample[1]!) ?? new Set<string>();
    for (const [, name] of (sample[3] ?? '').matchAll(/(\w+)="/g)) labels.add(name!);
    exported.set(sample[1]!, labels);
  }
});
afterAll(async () => {
  await t.close();
});

describe('the Grafana dashboard', () => {
  it('is an importable dashboard: a uid, a Prometheus data-source variable, laid-out panels with queries', () => {
    expect(dashboard).toMatchObject({ uid: 'calos-overview', title: 'CalOS' });
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list.map((v) => [v.name, v.type])).toEqual([['datasource', 'datasource'], ['instance', 'query']]);
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid, panel.title).toBe('${datasource}');
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) {
        const depth = [...target.expr].reduce((d, c) => (d < 0 ? d : d + (c === '(' ? 1 : c === ')' ? -1 : 0)), 0);
        expect(depth, `${panel.title}: ${target.expr}`).toBe(0);
      }
    }
  });

  it('queries only metrics CalOS exports, by labels they carry', () => {
    // Histograms export _bucket, _sum and _count series; the counter-like names are the series themselves.
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        const names = [...expr.matchAll(/([a-zA-Z_:][\w:]*)\s*(?=\{|\[|\)|$)/g)].map((m) => m[1]!).filter((n) => !PROMQL_WORDS.has(n) && !/^\d/.test(n));
        expect(names.length, expr).toBeGreaterThan(0);
        for (const name of names) expect(exported.has(name), `${panel.title}: ${name} is not in /metrics`).toBe(true);
        for (const [, metric, selector] of expr.matchAll(/([a-zA-Z_:][\w:]*)\{([^}]*)\}/g)) {
          for (const [, label] of selector!.matchAll(/(\w+)=~?"/g)) {
            if (label === 'instance') continue; // added by Prometheus when it scrapes
            expect(exported.get(metric!)?.has(label!), `${metric} has no label ${label}`).toBe(true);
          }
        }
        for (const [, labels] of expr.matchAll(/by \(([^)]*)\)/g)) {
          for (const label of labels!.split(',').map((l) => l.trim())) {
            if (label === 'instance') continue;
            expect([...exported.values()].some((set) => set.has(label)), `no metric has the label ${label}`).toBe(true);
          }
        }
      }
    }
  });
});
