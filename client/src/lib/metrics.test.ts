import { expect } from 'chai';
import { formatMetric, formatMetricValue, metricLabel } from './metrics.ts';

describe('metric formatting', () => {
  it('formats known driver metrics', () => {
    expect(formatMetric('pe', 40.7412)).to.equal('40.7x');
    expect(formatMetric('roe', 0.41666)).to.equal('41.7%');
    expect(formatMetric('piotroskiF', 5)).to.equal('5');
    expect(formatMetric('altmanZ', 12.0026)).to.equal('12.00');
    expect(formatMetric('revenue', 397727272727)).to.equal('$397.73B');
  });

  it('guesses from a key or a label', () => {
    expect(formatMetric('12-1 month momentum', 0.5729)).to.equal('57.3%');
    expect(formatMetric('Dividend yield', 0.0714)).to.equal('7.1%');
    expect(formatMetric('Value score', 96.7)).to.equal('96.7');
    expect(formatMetric('EY + ROC rank sum', 9)).to.equal('9');
    expect(formatMetric('Altman Z-score', 3.86819)).to.equal('3.87');
    expect(formatMetric('someNewMargin', 0.2)).to.equal('20.0%');
    expect(formatMetric('x', null)).to.equal('—');
  });

  it('labels keys', () => {
    expect(metricLabel('rsi14')).to.equal('RSI (14)');
    expect(metricLabel('someNewThing')).to.equal('Some new thing');
    // These are streaks counted back from the latest year: the label says so.
    expect(metricLabel('positiveEarningsYears')).to.equal('Consecutive profitable years');
    expect(metricLabel('dividendYearsPaid')).to.equal('Consecutive years paying dividends');
  });

  it('formats any metrics value', () => {
    expect(formatMetricValue('rsi14', 45.16)).to.equal('45.16');
    expect(formatMetricValue('note', 'ok')).to.equal('ok');
    expect(formatMetricValue('flag', true)).to.equal('yes');
    expect(formatMetricValue('epsCagr', null)).to.equal('—');
    expect(formatMetricValue('obj', { a: 1 })).to.equal(null);
  });
});
