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
      if (!Array.isArray(value)) expect(STOCK_METRICS, key).to.have.property(key);
    }
  });

  it('names the streaks as streaks and sends the Altman model as text', () => {
    // Counted back from the latest year, stopping at the first miss: the label says so.
    expect(STOCK_METRICS.positiveEarningsYears.label).to.equal('Consecutive profitable years');
    expect(STOCK_METRICS.dividendYearsPaid.label).to.equal('Consecutive years paying dividends');
    expect(STOCK_METRICS.altmanModel).to.deep.equal({ label: 'Altman model', format: 'text' });
  });

  it('gives every screener strategy a format for its shown number', () => {
    for (const s of STRATEGIES) expect(METRIC_FORMATS, s.id).to.include(STRATEGY_METRIC_FORMATS[s.id]);
  });

  it('drives the contract: one schema field per registry entry', () => {
    expect(Object.keys(Fundamentals.shape)).to.deep.equal(FUNDAMENTAL_FIELDS.map((f) => f.column));
    expect(Object.keys(StockMetrics.shape)).to.deep.equal(Object.keys(STOCK_METRICS));
  });
});
