import { expect } from 'chai';
import { formatAs, formatMetric, metricRows } from './metrics.ts';

describe('metric formatting (from the contract)', () => {
  it('formats each declared format', () => {
    expect(formatAs('x', 40.7412)).to.equal('40.7x');
    expect(formatAs('pct', 0.41666)).to.equal('41.7%');
    expect(formatAs('int', 5)).to.equal('5');
    expect(formatAs('num', 12.0026)).to.equal('12.00');
    expect(formatAs('big_money', 397727272727)).to.equal('$397.73B');
    expect(formatAs('big_money', -2.5e9)).to.equal('-$2.50B');
    expect(formatAs('money', 12.5)).to.equal('$12.50');
    expect(formatAs('score', 96.71)).to.equal('96.7');
  });

  it('uses the format it is given, whatever the name says', () => {
    // A label that sounds like a percentage but is declared a plain number stays a number.
    expect(formatMetric({ value: 0.5729, format: 'num' })).to.equal('0.57');
    expect(formatMetric({ value: 9, format: 'int' })).to.equal('9');
    expect(formatMetric({ value: null, format: 'pct' })).to.equal('—');
    expect(formatMetric({ value: Number.NaN, format: 'pct' })).to.equal('—');
    expect(formatMetric({ value: 'non-manufacturer', format: 'text' })).to.equal('non-manufacturer');
    expect(formatMetric({ value: null, format: 'text' })).to.equal('—');
  });

  it("lists a stock's metrics with their labels, in the order given", () => {
    expect(
      metricRows({
        rsi14: { label: 'RSI (14)', value: 45.16, format: 'num' },
        fcfYield: { label: 'FCF yield', value: 0.0714, format: 'pct' },
        altmanZ: { label: 'Altman Z-score', value: null, format: 'num' },
        altmanModel: { label: 'Altman model', value: 'manufacturer', format: 'text' },
        positiveEarningsYears: { label: 'Consecutive profitable years', value: 7, format: 'int' },
      }),
    ).to.deep.equal([
      ['RSI (14)', '45.16'],
      ['FCF yield', '7.1%'],
      ['Altman Z-score', '—'],
      ['Altman model', 'manufacturer'],
      ['Consecutive profitable years', '7'],
    ]);
    expect(metricRows(null)).to.deep.equal([]);
  });
});
