import { expect } from 'chai';
import { render } from 'preact-render-to-string';
import { DEFAULT_CHART_VIEW } from '../lib/chart-view.ts';
import { PriceChart } from './PriceChart.tsx';

describe('PriceChart controls', () => {
  const pressed = (html: string, label: string) =>
    new RegExp(`aria-pressed="true"[^>]*>${label}<`).test(html) ||
    new RegExp(`aria-pressed="true"[^>]*title="[^"]*"[^>]*>${label}<`).test(html);

  it('shows the default view: 1Y candles, no pane switched on, no compared ticker', () => {
    const html = render(<PriceChart ticker="AAPL" view={{ ...DEFAULT_CHART_VIEW }} onView={() => {}} />);
    expect(html).to.match(/aria-pressed="true" aria-label="Range 1Y"/);
    for (const label of ['RSI', 'MACD', 'Bands', 'Score', 'Log'])
      expect(pressed(html, label), label).to.equal(false);
    expect(html).to.contain('data-panes="1"');
    expect(html).to.not.contain('Compared tickers');
    expect(html).to.contain('<label for="compare-input">Compare</label>');
  });

  it('reflects the URL’s view: toggles pressed, a pane per indicator, a removable chip per compared ticker', () => {
    const html = render(
      <PriceChart
        ticker="AAPL"
        view={{
          ...DEFAULT_CHART_VIEW,
          range: '2y',
          indicators: ['rsi', 'macd', 'bb'],
          log: true,
          compare: ['MSFT', 'NVDA'],
        }}
        onView={() => {}}
      />,
    );
    expect(html).to.match(/aria-pressed="true" aria-label="Range 2Y"/);
    for (const label of ['RSI', 'MACD', 'Bands', 'Log']) expect(pressed(html, label), label).to.equal(true);
    expect(pressed(html, 'Score')).to.equal(false);
    expect(html).to.contain('data-panes="3"');
    expect(html).to.contain('aria-label="Remove MSFT from the comparison"');
    expect(html).to.contain('aria-label="Remove NVDA from the comparison"');
    expect(html).to.contain('RSI 14 (lines at 30 and 70)');
    expect(html).to.contain('Bollinger bands (20, 2)');
  });
});
