import { expect } from 'chai';
import { render } from 'preact-render-to-string';
import type { FundamentalsBody } from '../api/types.ts';
import { Fundamentals } from './StockDetail.tsx';

const fundamentals: FundamentalsBody = {
  market_cap: 8.5e11,
  pe: 15.5,
  pb: 2.4,
  ps: 4.8,
  ev_to_ebitda: null,
  peg: 1.2,
  dividend_yield: 0.019,
  payout_ratio: 0.3,
  gross_margin: null,
  operating_margin: 0.4,
  net_margin: 0.31,
  roe: 0.16,
  roa: 0.013,
  roic: 0.1,
  revenue_growth: 0.05,
  eps_growth: 0.08,
  debt_to_equity: 1.3,
  current_ratio: 0.3,
  eps: 20,
  beta: 1.05,
};

describe('stock detail fundamentals', () => {
  it('shows "n/a" with the reason on hover for a fundamental that does not apply (a bank\'s gross margin)', () => {
    const reason = 'Not applicable: banks, brokers, lenders and insurers have no cost of goods sold.';
    const html = render(<Fundamentals f={fundamentals} notApplicable={{ gross_margin: reason }} />);
    expect(html).to.match(
      /<dt>Gross margin<\/dt><dd><abbr class="na" title="Not applicable: banks[^"]*">n\/a<\/abbr><\/dd>/,
    );
    expect(html).to.not.contain('100.0%');
    expect(html).to.contain('<dt>Operating margin</dt><dd>40.0%</dd>');
  });

  it('shows a missing value as a dash when it is only unknown', () => {
    const html = render(<Fundamentals f={fundamentals} />);
    expect(html).to.contain('<dt>Gross margin</dt><dd>—</dd>');
    expect(html).to.not.contain('n/a');
  });
});
