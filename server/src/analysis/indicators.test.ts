import { expect } from 'chai';
import { standardDeviation } from 'simple-statistics';
import {
  bollinger,
  closeBack,
  ema,
  highLow,
  last,
  latestRsi,
  latestSma,
  macd,
  momentum12_1,
  relativeTo,
  rsi,
  type Series,
  simpleReturn,
  sma,
  volatility,
} from './indicators.ts';

/**
 * StockCharts ChartSchool, "Moving Averages - Simple and Exponential" (spreadsheet
 * cs-movavg.xls): 30 daily closes. The page's table shows them rounded to 2 dp
 * (22.27, 22.19, ...); the spreadsheet computes on these 4-dp values.
 */
const MA_CLOSES = [
  22.2734, 22.194, 22.0847, 22.1741, 22.184, 22.1344, 22.2337, 22.4323, 22.2436, 22.2933, 22.1542, 22.3926,
  22.3816, 22.6109, 23.3558, 24.0519, 23.753, 23.8324, 23.9516, 23.6338, 23.8225, 23.8722, 23.6537, 23.187,
  23.0976, 23.326, 22.6805, 23.0976, 22.4025, 22.1725,
];
/** The published 10-day SMA column (2 dp), from the 10th close on. */
const MA_SMA10 = [
  22.22, 22.21, 22.23, 22.26, 22.31, 22.42, 22.61, 22.77, 22.91, 23.08, 23.21, 23.38, 23.53, 23.65, 23.71,
  23.69, 23.61, 23.51, 23.43, 23.28, 23.13,
];
/** The published 10-day EMA column (2 dp): first EMA 22.22 (= the SMA), then 22.21, 22.24, ... */
const MA_EMA10 = [
  22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.8, 22.97, 23.13, 23.28, 23.34, 23.43, 23.51, 23.54, 23.47,
  23.4, 23.39, 23.26, 23.23, 23.08, 22.92,
];

/**
 * StockCharts ChartSchool, "Relative Strength Index (RSI)" (spreadsheet cs-rsi.xls):
 * 33 QQQQ closes (shown as 44.34, 44.09, 44.15, ... on the page, 4 dp in the sheet) and
 * the 14-day RSI column as the sheet computes it, to 4 dp. The page shows the same
 * column rounded: 70.53, 66.32, 66.55, ...
 */
const RSI_CLOSES = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328,
  45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515,
  45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
];
const RSI_14 = [
  70.5328, 66.3186, 66.5498, 69.4063, 66.3552, 57.9749, 62.9296, 63.2571, 56.0593, 62.3771, 54.7076, 50.4228,
  39.9898, 41.4605, 41.8689, 45.4632, 37.304, 33.0795, 37.773,
];

function expectClose(actual: Series, expected: number[], offset: number, tolerance: number): void {
  expect(actual.slice(0, offset).every((v) => v === null)).to.equal(true, 'warm-up values must be null');
  expected.forEach((want, j) => {
    const got = actual[offset + j];
    expect(got, `index ${offset + j}`).to.be.a('number');
    expect(Math.abs((got as number) - want), `index ${offset + j}: ${got} vs ${want}`).to.be.at.most(
      tolerance,
    );
  });
}

describe('indicators', () => {
  describe('sma', () => {
    it('reproduces the StockCharts 10-day SMA column (to its 2-dp rounding)', () => {
      const out = sma(MA_CLOSES, 10);
      expect(out).to.have.length(MA_CLOSES.length);
      expectClose(out, MA_SMA10, 9, 0.005 + 1e-9);
    });

    it('latestSma equals the last value of the series', () => {
      expect(latestSma(MA_CLOSES, 10)).to.be.closeTo(last(sma(MA_CLOSES, 10)) as number, 1e-12);
      expect(latestSma([1, 2], 3)).to.equal(null);
    });
  });

  describe('ema', () => {
    it('reproduces the StockCharts 10-day EMA column: SMA seed 22.22, then 22.21, 22.24, ...', () => {
      expectClose(ema(MA_CLOSES, 10), MA_EMA10, 9, 0.005 + 1e-9);
    });

    it('seeds with the SMA and applies k = 2 / (n + 1)', () => {
      // seed = (1 + 2 + 3) / 3 = 2; k = 0.5: 2 + (4 − 2) × 0.5 = 3; 3 + (8 − 3) × 0.5 = 5.5
      expect(ema([1, 2, 3, 4, 8], 3)).to.deep.equal([null, null, 2, 3, 5.5]);
      expect(ema([1, 2], 3)).to.deep.equal([null, null]);
    });

    it('skips leading nulls and rejects gaps', () => {
      expect(ema([null, null, 1, 2, 3, 4, 8], 3)).to.deep.equal([null, null, null, null, 2, 3, 5.5]);
      expect(() => ema([1, null, 2], 2)).to.throw();
    });
  });

  describe('rsi', () => {
    it('reproduces the StockCharts cs-rsi.xls 14-day RSI column (4 dp) within 1e-4', () => {
      const out = rsi(RSI_CLOSES, 14);
      expect(out).to.have.length(RSI_CLOSES.length);
      expectClose(out, RSI_14, 14, 1e-4);
    });

    it('gives 70.46 / 66.25 for the closes rounded to 2 dp as the page prints them', () => {
      // The published 70.53 comes from the unrounded closes; on the printed 2-dp closes the
      // same definition gives 70.46 (the figure other implementations quote for this example).
      const out = rsi(
        RSI_CLOSES.map((c) => Math.round(c * 100) / 100),
        14,
      );
      expect(out[14]).to.be.closeTo(70.46, 0.005);
      expect(out[15]).to.be.closeTo(66.25, 0.005);
    });

    it('latestRsi equals the last value of the series', () => {
      expect(latestRsi(RSI_CLOSES, 14)).to.equal(last(rsi(RSI_CLOSES, 14)));
      expect(latestRsi(RSI_CLOSES.slice(0, 14), 14)).to.equal(null);
    });

    it('is 100 without losses, 50 for a flat series, null when too short', () => {
      expect(last(rsi([1, 2, 3, 4, 5, 6], 3))).to.equal(100);
      expect(last(rsi([5, 5, 5, 5, 5], 3))).to.equal(50);
      expect(rsi([1, 2, 3], 3)).to.deep.equal([null, null, null]);
    });
  });

  describe('macd', () => {
    it('is 7 on a unit-slope line (EMA_n lags a line by (n − 1) / 2: 25/2 − 11/2 = 7)', () => {
      const closes = Array.from({ length: 60 }, (_, i) => 100 + i);
      const { macd: line, signal, histogram } = macd(closes);
      expect(line[24]).to.equal(null);
      expect(line[25]).to.be.closeTo(7, 1e-9);
      expect(line[59]).to.be.closeTo(7, 1e-9);
      expect(signal[32]).to.equal(null);
      expect(signal[33]).to.be.closeTo(7, 1e-9);
      expect(histogram[59]).to.be.closeTo(0, 1e-9);
    });

    it('matches EMA12 − EMA26 and an EMA9 signal computed independently', () => {
      const closes = Array.from({ length: 80 }, (_, i) => 50 + 10 * Math.sin(i / 5) + i * 0.3);
      // Independent reference: textbook recursion written out here.
      const refEma = (xs: number[], n: number): number[] => {
        const k = 2 / (n + 1);
        let e = xs.slice(0, n).reduce((a, b) => a + b, 0) / n;
        const out = [e];
        for (const x of xs.slice(n)) {
          e = x * k + e * (1 - k);
          out.push(e);
        }
        return out; // out[j] belongs to index n − 1 + j
      };
      const e12 = refEma(closes, 12);
      const e26 = refEma(closes, 26);
      const refLine = e26.map((slow, j) => e12[j + 14] - slow); // index 25 + j
      const refSignal = refEma(refLine, 9); // index 33 + j
      const got = macd(closes);
      refLine.forEach((v, j) => {
        expect(got.macd[25 + j]).to.be.closeTo(v, 1e-9);
      });
      refSignal.forEach((v, j) => {
        expect(got.signal[33 + j]).to.be.closeTo(v, 1e-9);
        expect(got.histogram[33 + j]).to.be.closeTo(refLine[8 + j] - v, 1e-9);
      });
    });
  });

  describe('bollinger', () => {
    it('has the published StockCharts 10-day SMA as its middle band (cs-movavg.xls closes)', () => {
      const { middle } = bollinger(MA_CLOSES, 10, 2);
      expectClose(
        middle.map((v) => (v === null ? null : Math.round(v * 100) / 100)),
        MA_SMA10,
        9,
        0.0051,
      );
    });

    it('is the mean ± 2 population standard deviations: 1..20 → 10.5 ± 2√33.25', () => {
      const closes = Array.from({ length: 20 }, (_, i) => i + 1);
      const { middle, upper, lower } = bollinger(closes);
      expect(middle[18]).to.equal(null);
      expect(middle[19]).to.be.closeTo(10.5, 1e-12);
      expect(upper[19]).to.be.closeTo(10.5 + 2 * Math.sqrt(33.25), 1e-12);
      expect(lower[19]).to.be.closeTo(10.5 - 2 * Math.sqrt(33.25), 1e-12);
    });

    it('agrees with simple-statistics’ population standard deviation on every window', () => {
      const closes = Array.from({ length: 90 }, (_, i) => 5000 + 40 * Math.sin(i / 3) + i);
      const { middle, upper } = bollinger(closes, 20, 2.5);
      for (let i = 19; i < closes.length; i++) {
        const sd = standardDeviation(closes.slice(i - 19, i + 1));
        expect((upper[i] as number) - (middle[i] as number)).to.be.closeTo(2.5 * sd, 1e-9);
      }
    });
  });

  describe('returns, momentum, volatility, range', () => {
    it('simpleReturn compares with the close `days` bars back', () => {
      expect(simpleReturn([100, 105, 110], 2)).to.be.closeTo(0.1, 1e-12);
      expect(simpleReturn([100, 110], 2)).to.equal(null);
    });

    it('momentum12_1 is close[t − 21] / close[t − 252] − 1', () => {
      const closes = Array.from({ length: 300 }, (_, i) => i + 1); // close[i] = i + 1
      expect(momentum12_1(closes)).to.be.closeTo(279 / 48 - 1, 1e-12);
      expect(momentum12_1(closes.slice(0, 252))).to.equal(null);
      expect(momentum12_1(closes.slice(0, 253))).to.be.closeTo(232 / 1 - 1, 1e-12);
    });

    it('volatility: alternating ±1 % log returns → 0.01 × √(252/251) × √252', () => {
      const closes = [100];
      for (let i = 0; i < 252; i++) closes.push(closes[i] * Math.exp(i % 2 === 0 ? 0.01 : -0.01));
      expect(volatility(closes)).to.be.closeTo(0.01 * Math.sqrt(252 / 251) * Math.sqrt(252), 1e-12);
      expect(volatility([100, 101, 102])).to.equal(null);
      expect(volatility(Array(30).fill(10))).to.equal(0);
    });

    it('highLow takes the last `window` highs and lows', () => {
      expect(highLow([9, 12, 10, 11], [1, 5, 4, 6], 3)).to.deep.equal({ high: 12, low: 4 });
      expect(highLow([], [])).to.equal(null);
    });
  });

  describe("closeBack and relativeTo (the screener's performance and distance columns)", () => {
    it("measures performance as finviz's Perf columns do: price ÷ the close N sessions before − 1", () => {
      // StockCharts cs-rsi.xls closes: the last is 43.1314 (row 33); five sessions before it,
      // row 28, 44.1783. By hand: (43.1314 − 44.1783) / 44.1783 = −1.0469 / 44.1783 = −0.023697.
      expect(closeBack(RSI_CLOSES, 5)).to.equal(44.1783);
      expect(relativeTo(RSI_CLOSES[32], closeBack(RSI_CLOSES, 5))).to.be.closeTo(-0.023697, 1e-6);
      expect(closeBack(RSI_CLOSES, 0)).to.equal(43.1314);
      expect(closeBack(RSI_CLOSES, 32)).to.equal(44.3389);
      expect(closeBack(RSI_CLOSES, 33)).to.equal(null); // not that much history
    });

    it("measures the distance from a moving average as finviz's SMA20/50/200 columns do: price ÷ SMA − 1", () => {
      // StockCharts cs-movavg.xls: the last close 22.1725 against the published last 10-day
      // SMA, 23.13 (2 dp). By hand: (22.1725 − 23.13) / 23.13 = −0.9575 / 23.13 = −0.041397;
      // the SMA's rounding moves the distance by at most 22.17 / 23.13² × 0.005 ≈ 2.1e-4.
      const distance = relativeTo(MA_CLOSES[29], latestSma(MA_CLOSES, 10));
      expect(distance).to.be.closeTo(-0.041397, 2.2e-4);
      // 52-week high and low: zero at the high, negative below; positive above the low.
      expect(relativeTo(50, 50)).to.equal(0);
      expect(relativeTo(45, 50)).to.be.closeTo(-0.1, 1e-12);
      expect(relativeTo(60, 40)).to.be.closeTo(0.5, 1e-12);
    });

    it('has no value without a price or a positive reference', () => {
      expect(relativeTo(null, 10)).to.equal(null);
      expect(relativeTo(10, null)).to.equal(null);
      expect(relativeTo(10, 0)).to.equal(null);
      expect(relativeTo(10, -5)).to.equal(null);
      expect(relativeTo(Number.NaN, 5)).to.equal(null);
    });
  });
});
