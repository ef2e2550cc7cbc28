import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import {
  changeClass,
  formatAge,
  formatChange,
  formatCompact,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMarketCap,
  formatMoney,
  formatMultiple,
  formatPercent,
  formatRatio,
  formatScore,
  formatVolume,
  MISSING,
  SCORE_BANDS,
  scoreBand,
  scoreBandLabel,
} from './format.ts';

describe('format', () => {
  it('formats money with thousands separators and two decimals', () => {
    expect(formatMoney(1234.5)).to.equal('$1,234.50');
    expect(formatMoney(0)).to.equal('$0.00');
    expect(formatMoney(-12.345)).to.equal('-$12.35');
    expect(formatMoney(1_000_000, 0)).to.equal('$1,000,000');
  });

  it('formats signed money changes', () => {
    expect(formatChange(1.2)).to.equal('+$1.20');
    expect(formatChange(-0.35)).to.equal('-$0.35');
    expect(formatChange(0)).to.equal('$0.00');
  });

  it('shows a dash for missing values everywhere', () => {
    for (const f of [formatMoney, formatChange, formatMarketCap, formatVolume, formatScore, formatMultiple]) {
      expect(f(null)).to.equal(MISSING);
      expect(f(undefined)).to.equal(MISSING);
      expect(f(Number.NaN)).to.equal(MISSING);
    }
    expect(formatPercent(null)).to.equal(MISSING);
    expect(formatRatio(Number.POSITIVE_INFINITY)).to.equal(MISSING);
    expect(formatDate(null)).to.equal(MISSING);
  });

  it('formats market caps compactly: 3.50T, 812.30B, 45.20M', () => {
    expect(formatMarketCap(3.5e12)).to.equal('3.50T');
    expect(formatMarketCap(812.3e9)).to.equal('812.30B');
    expect(formatMarketCap(45.2e6)).to.equal('45.20M');
    expect(formatMarketCap(3962297872266.84)).to.equal('3.96T');
    expect(formatMarketCap(950)).to.equal('950');
    expect(formatMarketCap(12_500)).to.equal('12.50K');
  });

  it('carries rounding into the next unit (999.999B is 1.00T)', () => {
    expect(formatCompact(999.999e9)).to.equal('1.00T');
    expect(formatCompact(999_999)).to.equal('1.00M');
    expect(formatCompact(-2.5e9)).to.equal('-2.50B');
    expect(formatCompact(1.5e15)).to.equal('1500.00T');
  });

  it('formats volumes with one decimal', () => {
    expect(formatVolume(68_662_219)).to.equal('68.7M');
  });

  it('formats percentages: change_pct is already in percent, signed', () => {
    expect(formatPercent(1.5)).to.equal('+1.50%');
    expect(formatPercent(-1.3717)).to.equal('-1.37%');
    expect(formatPercent(0)).to.equal('0.00%');
    expect(formatPercent(2, { signed: false, digits: 0 })).to.equal('2%');
  });

  it('formats ratios (fractions) as percentages', () => {
    expect(formatRatio(0.253)).to.equal('25.3%');
    expect(formatRatio(0.003872, { digits: 2 })).to.equal('0.39%');
    expect(formatRatio(-0.19)).to.equal('-19.0%');
    expect(formatRatio(1.089)).to.equal('108.9%');
  });

  it('formats multiples and scores', () => {
    expect(formatMultiple(40.7412)).to.equal('40.7x');
    expect(formatScore(74.83)).to.equal('74.8');
    expect(formatScore(100)).to.equal('100.0');
  });

  it('classifies changes and score bands', () => {
    expect(changeClass(1)).to.equal('up');
    expect(changeClass(-0.1)).to.equal('down');
    expect(changeClass(0)).to.equal('flat');
    expect(changeClass(null)).to.equal('flat');
    expect(scoreBand(70)).to.equal('b70');
    expect(scoreBand(55)).to.equal('b50');
    expect(scoreBand(12)).to.equal('b0');
    expect(scoreBand(99.9)).to.equal('b80');
    expect(scoreBand(null)).to.equal('none');
  });

  it('gives scores between 40 and 70 three different bands, with legend labels', () => {
    const bands = [42, 55, 65].map(scoreBand);
    expect(new Set(bands).size).to.equal(3);
    expect(SCORE_BANDS.map(scoreBandLabel)).to.deep.equal([
      '< 30',
      '30–39',
      '40–49',
      '50–59',
      '60–69',
      '70–79',
      '80+',
    ]);
  });

  it('score colours: lightness rises band by band (tells them apart without hue) and the text stays readable', async () => {
    const css = await readFile(new URL('../styles/global.css', import.meta.url), 'utf8');
    const hex = (name: string) => {
      const m = new RegExp(`${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css);
      expect(m, name).to.not.equal(null);
      return m![1];
    };
    const luminance = (h: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(h.slice(i, i + 2), 16) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const lum = SCORE_BANDS.map((lo) => luminance(hex(`--score-b${lo}`)));
    for (let i = 1; i < lum.length; i++)
      expect(lum[i] / lum[i - 1], `band ${SCORE_BANDS[i]} lighter than ${SCORE_BANDS[i - 1]}`).to.be.above(
        1.25,
      );
    for (const lo of SCORE_BANDS)
      expect(
        contrast(hex(`--score-b${lo}`), hex(`--score-b${lo}-text`)),
        `text on band ${lo}`,
      ).to.be.at.least(4.5);
  });

  it('formats dates and timestamps without time-zone surprises', () => {
    expect(formatDate('2026-11-27')).to.equal('Nov 27, 2026');
    expect(formatDate('2026-01-05T23:59:00Z')).to.equal('Jan 5, 2026');
    expect(formatDate('not a date')).to.equal('not a date');
    expect(formatDateTime('2026-11-28T20:41:21.629Z')).to.equal('Nov 28, 2026 20:41 UTC');
  });

  it('formats ages and durations', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(formatAge('2026-11-28T11:59:30Z', now)).to.equal('just now');
    expect(formatAge('2026-11-28T11:55:00Z', now)).to.equal('5 minutes ago');
    expect(formatAge('2026-11-28T11:00:00Z', now)).to.equal('1 hour ago');
    expect(formatAge('2026-11-25', now)).to.equal('3 days ago');
    expect(formatAge(null, now)).to.equal(MISSING);
    expect(formatDuration(45)).to.equal('45s');
    expect(formatDuration(125)).to.equal('2m 5s');
    expect(formatDuration(7_500)).to.equal('2h 5m');
    expect(formatDuration(3 * 86_400 + 4 * 3_600)).to.equal('3d 4h');
  });
});
