import { expect } from 'chai';
import { syntheticUniverse } from '../../test-support/synthetic-scores.ts';
import { scoreUniverse } from '../scoring/engine.ts';
import { STRATEGIES } from '../scoring/strategies.ts';
import { Fundamentals, StockMetrics } from '../stocks/schemas.ts';
import {
  FUNDAMENTAL_FIELDS,
  isKnownMetric,
  METRIC_FORMATS,
  STOCK_METRICS,
  STRATEGY_METRIC_FORMATS,
} from './metrics.ts';

describe('the metric registry', () => {
  it('knows every driver the scorer explains and every stored metric', () => {
    const [result] = scoreUniverse(syntheticUniverse(30, 300));
    for (const c of result.explanation.components) {
      for (const d of c.drivers) expect(isKnownMetric(d.metric), d.metric).to.equal(true);
    }
    for (const [key, value] of Object.entries(result.metrics)) {
      // Lists and nested records (the performance bases) are inputs to other metrics, not metrics.
      if (value === null || typeof value !== 'object') expect(STOCK_METRICS, key).to.have.property(key);
    }
  });

  it('gives each stored metric a format its values fit: text for words, whole numbers for counts', () => {
    const seen = new Set<string>();
    for (const { metrics } of scoreUniverse(syntheticUniverse(30, 300))) {
      for (const [key, value] of Object.entries(metrics)) {
        if (value === null || Array.isArray(value) || !(key in STOCK_METRICS)) continue;
        const { format } = STOCK_METRICS[key as keyof typeof STOCK_METRICS];
        seen.add(format);
        if (typeof value === 'string') expect(format, `${key}: ${value}`).to.equal('text');
        else {
          expect(value, key).to.be.a('number');
          expect(format, key).to.not.equal('text');
          if (format === 'int') expect(Number.isInteger(value), `${key}: ${value}`).to.equal(true);
        }
      }
    }
    expect([...seen]).to.include.members(['text', 'int']);
  });

  it('gives every screener strategy a format for its shown number', () => {
    for (const s of STRATEGIES) expect(METRIC_FORMATS, s.id).to.include(STRATEGY_METRIC_FORMATS[s.id]);
  });

  it('drives the contract: one schema field per registry entry', () => {
    expect(Object.keys(Fundamentals.shape)).to.deep.equal(FUNDAMENTAL_FIELDS.map((f) => f.column));
    expect(Object.keys(StockMetrics.shape)).to.deep.equal(Object.keys(STOCK_METRICS));
  });
});
