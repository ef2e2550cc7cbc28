/** The metric catalog as the stocks page's panels use it: by key, by group, and for the words parser. */
import type { ScreenerCatalog } from '../../api/types.ts';
import type { MetricInfo } from '../../lib/screen-filters.ts';
import type { WordsCatalog } from '../../lib/screen-words.ts';

export type Catalog = ScreenerCatalog;
export type CatalogMetric = Catalog['metrics'][number];

const words = new WeakMap<Catalog, WordsCatalog>();

/** The words parser's view of the catalog (metrics, and the names stocks carry today). */
export function wordsCatalog(c: Catalog): WordsCatalog {
  let w = words.get(c);
  if (!w) {
    const values = (key: string) => c.metrics.find((m) => m.key === key)?.values?.map((v) => v.value) ?? [];
    w = {
      metrics: c.metrics,
      sectors: values('sector'),
      industries: values('industry'),
      exchanges: values('exchange'),
    };
    words.set(c, w);
  }
  return w;
}

export function metricInfo(c: Catalog | undefined, key: string): MetricInfo | undefined {
  if (key === 'score' && !c) return { key, label: 'Score', unit: 'score' };
  return c?.metrics.find((m) => m.key === key);
}
