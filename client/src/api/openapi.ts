/**
 * The API's types, generated from its OpenAPI document (GET /openapi.json) by openapi-typescript.
 * Do not edit: run `npm run gen:api -w client`. Named aliases live in ./types.ts.
 */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Service health: database and cache checks, data set facts; degraded (200) without Redis, 503 when the database is unreachable */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/livez': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers (no dependency is checked) */
    get: operations['livez'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the database answers, no migration is pending, the process is not shutting down; 503 otherwise */
    get: operations['readyz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stocks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Screen stocks: a filter on every metric, any sort, chosen columns (paginated)
     * @description Every numeric metric of the catalog (`GET /api/screener/metrics`) takes `<key>_min` and `<key>_max` (inclusive, in its unit; a stock without a value is left out by a bound), `sort=<key>` (stocks without a value last) and `columns=<key>,...`; text metrics (`sector`, `industry`, `exchange`) and `cap` take comma-separated lists. A bad value is a 400 naming the parameter.
     */
    get: operations['listStocks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stocks/top': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Top stocks by score */
    get: operations['topStocks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stocks/leaderboard/top': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Leaderboard: top stocks overall in a sector, or grouped by sector */
    get: operations['leaderboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/screener/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The metric catalog: every column, sort key and filter of GET /api/stocks
     * @description Each metric with its key (the row field of `columns=<key>`, the sort key and the prefix of `<key>_min`/`<key>_max`), label, unit, group and the views (presets) that show it; with the range of today's values (numbers) or the values stocks carry (text), the presets and the market-cap buckets.
     */
    get: operations['screenerMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/screener/heatmap': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The market map: the largest stocks by sector and industry, sized by market cap
     * @description For a treemap like finviz's map: sectors, their industries and their largest stocks (the `limit` largest by market cap, 500 by default, over the market or in one `sector`), largest first, each stock with its day's change, 1-week and 1-month performance and score to colour it by. Every sector and industry also carries its count and total cap over all its stocks, listed or not, and every sector its cap-weighted colours, so its tile stays true to the whole sector. Numbers are rounded to the precision the map shows.
     */
    get: operations['heatmap'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stocks/screener/strategies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Screener strategies with their rules and sources */
    get: operations['listStrategies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stocks/screener/strategies/{strategy}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A strategy's matching stocks, ranked */
    get: operations['runStrategy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stocks/{ticker}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One stock with its score, components, explanation, quote and fundamentals */
    get: operations['getStock'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stocks/{ticker}/prices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Daily OHLCV with SMA 50/200 and, on request, RSI, MACD and Bollinger bands (default range 1y) */
    get: operations['getPrices'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stocks/{ticker}/scores': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Score history (one snapshot per recorded trading day) */
    get: operations['getScoreHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/sectors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sectors with stock counts, average score and average day change */
    get: operations['listSectors'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/backtest/score': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Does the score predict? Forward returns by score decile, the information coefficient, hit rate
     * @description Month-end score snapshots against the returns that followed them (1 and 3 months): mean return by score decile, each date's Spearman rank correlation of score and return (the information coefficient) with its t-statistic, and the top decile's hit rate and turnover. On the sample data set it shows how the method works, not a market result.
     */
    get: operations['scoreBacktest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/market/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * NYSE market clock: open or closed, why, and the next open and close
     * @description Regular session 09:30–16:00 America/New_York (13:00 on early-close days), on NYSE trading days.
     */
    get: operations['marketStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/system/cache': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The cache's hits, misses and hit rate since start, per tier, and its Redis status */
    get: operations['cacheStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/system/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Background jobs: each one's schedule, last and next run, failures and progress */
    get: operations['listJobs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Health: {
      /** @enum {string} */
      status: 'healthy' | 'degraded' | 'unhealthy';
      version: string;
      uptime_s: number;
      checks: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down' | 'disabled';
          latency_ms?: number;
          detail?: string;
        };
      };
      data?: {
        source: string;
        sample: boolean;
        as_of: string | null;
        stocks: number;
        scores_computed_at: string | null;
      };
    };
    Error: {
      error: {
        /** @example invalid_parameter */
        code: string;
        /** @example limit: must be at most 100 */
        message: string;
      };
    };
    Livez: {
      /** @constant */
      status: 'ok';
    };
    Readyz: {
      /** @enum {string} */
      status: 'ready' | 'not_ready';
      checks: {
        /** @enum {string} */
        database: 'up' | 'down';
        /** @enum {string} */
        migrations: 'applied' | 'pending' | 'unknown';
        shutting_down: boolean;
      };
    };
    StockPage: {
      items: components['schemas']['ScreenerRow'][];
      page: number;
      /** @description Items per page. */
      limit: number;
      /** @description Same as limit (its older name). */
      size: number;
      total: number;
      pages: number;
    };
    ScreenerRow: {
      ticker: string;
      name: string;
      /** @description Sector (text, matched exactly (case-insensitive); a comma-separated list matches any of them). GICS sector. */
      sector?: string;
      /** @description Industry (text, matched exactly (case-insensitive); a comma-separated list matches any of them). GICS sub-industry. */
      industry?: string;
      /** @description Exchange (text, matched exactly (case-insensitive); a comma-separated list matches any of them). Listing exchange (NYSE or NASDAQ). */
      exchange?: string;
      /** @description Price (US dollars). Latest price (the last close, or the live quote during a session). */
      price?: number | null;
      /** @description Change (US dollars). The day's change against the previous close. */
      change?: number | null;
      /** @description Change % (percent points: 1.5 = +1.5 %). The day's change against the previous close, in percent points. */
      change_pct?: number | null;
      /** @description Market cap (US dollars). Price × diluted shares of the latest fiscal year. `cap=` filters by size bucket. */
      market_cap?: number | null;
      /** @description Volume (a number of shares). The session's volume. */
      volume?: number | null;
      /** @description Average volume (a number of shares). Mean daily volume of the last 20 sessions. */
      avg_volume?: number | null;
      /** @description Relative volume (a multiple or ratio: 15 = 15x). The session's volume ÷ the 20-session average. */
      rel_volume?: number | null;
      /** @description P/E (a multiple or ratio: 15 = 15x). Price ÷ diluted EPS of the latest fiscal year; none with a loss. */
      pe?: number | null;
      /** @description P/B (a multiple or ratio: 15 = 15x). Market cap ÷ shareholders' equity. */
      pb?: number | null;
      /** @description P/S (a multiple or ratio: 15 = 15x). Market cap ÷ revenue. */
      ps?: number | null;
      /** @description EV/EBITDA (a multiple or ratio: 15 = 15x). Enterprise value (market cap + debt − cash) ÷ EBITDA (operating income + D&A); none when either is not positive. */
      ev_to_ebitda?: number | null;
      /** @description PEG (a multiple or ratio: 15 = 15x). P/E ÷ (EPS growth in percent): the multi-year EPS CAGR, else the year-over-year growth; none when growth is not positive. */
      peg?: number | null;
      /** @description Earnings yield (a fraction: 0.25 = 25 %). Greenblatt's earnings yield: EBIT ÷ enterprise value. */
      earnings_yield?: number | null;
      /** @description FCF yield (a fraction: 0.25 = 25 %). Free cash flow (operating cash flow − capex) ÷ market cap. */
      fcf_yield?: number | null;
      /** @description EPS (US dollars). Diluted earnings per share, latest fiscal year. */
      eps?: number | null;
      /** @description Dividend yield (a fraction: 0.25 = 25 %). Dividends per share ÷ price. */
      dividend_yield?: number | null;
      /** @description Payout ratio (a fraction: 0.25 = 25 %). Dividends per share ÷ EPS; none with a loss. */
      payout_ratio?: number | null;
      /** @description Gross margin (a fraction: 0.25 = 25 %). Gross profit ÷ revenue; none for banks and insurers (no cost of goods sold). */
      gross_margin?: number | null;
      /** @description Operating margin (a fraction: 0.25 = 25 %). Operating income ÷ revenue. */
      operating_margin?: number | null;
      /** @description Net margin (a fraction: 0.25 = 25 %). Net income ÷ revenue. */
      net_margin?: number | null;
      /** @description ROE (a fraction: 0.25 = 25 %). Net income ÷ shareholders' equity. */
      roe?: number | null;
      /** @description ROA (a fraction: 0.25 = 25 %). Net income ÷ total assets. */
      roa?: number | null;
      /** @description ROIC (a fraction: 0.25 = 25 %). EBIT × (1 − 21 %) ÷ (debt + equity − cash). */
      roic?: number | null;
      /** @description Return on capital (a fraction: 0.25 = 25 %). Greenblatt's return on capital: EBIT ÷ (net working capital + net PP&E). */
      return_on_capital?: number | null;
      /** @description Revenue (US dollars). Revenue of the latest fiscal year. */
      revenue?: number | null;
      /** @description Revenue growth (a fraction: 0.25 = 25 %). Revenue, latest fiscal year against the one before. */
      revenue_growth?: number | null;
      /** @description EPS growth (a fraction: 0.25 = 25 %). Diluted EPS, latest fiscal year against the one before; none when the earlier was not positive. */
      eps_growth?: number | null;
      /** @description Revenue CAGR (a fraction: 0.25 = 25 %). Compound annual revenue growth over the stored fiscal years (at least three). */
      revenue_cagr?: number | null;
      /** @description EPS CAGR (a fraction: 0.25 = 25 %). Compound annual EPS growth over the stored fiscal years (at least three, both ends positive). */
      eps_cagr?: number | null;
      /** @description Debt/equity (a multiple or ratio: 15 = 15x). Total debt ÷ shareholders' equity. */
      debt_to_equity?: number | null;
      /** @description Current ratio (a multiple or ratio: 15 = 15x). Current assets ÷ current liabilities. */
      current_ratio?: number | null;
      /** @description Piotroski F-score (a whole number). Piotroski's F-score, 0-9, from the last two fiscal years. */
      piotroski?: number | null;
      /** @description Altman Z-score (a multiple or ratio: 15 = 15x). Altman's Z (manufacturers) or Z'' (others); none for financials and real estate. */
      altman_z?: number | null;
      /** @description Beta (a multiple or ratio: 15 = 15x). Beta against the broad US market. */
      beta?: number | null;
      /** @description Volatility (a fraction: 0.25 = 25 %). Annualised standard deviation of daily log returns over the last 252 sessions. */
      volatility?: number | null;
      /** @description RSI (14) (a 0-100 index). Wilder's 14-session relative strength index, 0-100, at the last close. */
      rsi14?: number | null;
      /** @description SMA 20 (US dollars). Simple moving average of the last 20 closes. */
      sma20?: number | null;
      /** @description SMA 50 (US dollars). Simple moving average of the last 50 closes. */
      sma50?: number | null;
      /** @description SMA 200 (US dollars). Simple moving average of the last 200 closes. */
      sma200?: number | null;
      /** @description Price vs SMA 20 (a fraction: 0.25 = 25 %). Distance of the price from its 20-session SMA: price ÷ SMA − 1 (0.05 = 5 % above). */
      price_vs_sma20?: number | null;
      /** @description Price vs SMA 50 (a fraction: 0.25 = 25 %). Distance of the price from its 50-session SMA: price ÷ SMA − 1. */
      price_vs_sma50?: number | null;
      /** @description Price vs SMA 200 (a fraction: 0.25 = 25 %). Distance of the price from its 200-session SMA: price ÷ SMA − 1. */
      price_vs_sma200?: number | null;
      /** @description 52-week high (US dollars). Highest high of the last 252 sessions (today included). */
      high_52w?: number | null;
      /** @description 52-week low (US dollars). Lowest low of the last 252 sessions (today included). */
      low_52w?: number | null;
      /** @description From 52-week high (a fraction: 0.25 = 25 %). Price ÷ 52-week high − 1: zero at the high, negative below it. */
      from_52w_high?: number | null;
      /** @description From 52-week low (a fraction: 0.25 = 25 %). Price ÷ 52-week low − 1: zero at the low, positive above it. */
      from_52w_low?: number | null;
      /** @description 12-1 month momentum (a fraction: 0.25 = 25 %). Return from 252 to 21 sessions ago (skipping the latest month). */
      momentum_12_1?: number | null;
      /** @description Performance 1W (a fraction: 0.25 = 25 %). Price ÷ the close 5 sessions before − 1. */
      perf_1w?: number | null;
      /** @description Performance 1M (a fraction: 0.25 = 25 %). Price ÷ the close 21 sessions before − 1. */
      perf_1m?: number | null;
      /** @description Performance 3M (a fraction: 0.25 = 25 %). Price ÷ the close 63 sessions before − 1. */
      perf_3m?: number | null;
      /** @description Performance 6M (a fraction: 0.25 = 25 %). Price ÷ the close 126 sessions before − 1. */
      perf_6m?: number | null;
      /** @description Performance 1Y (a fraction: 0.25 = 25 %). Price ÷ the close 252 sessions before − 1. */
      perf_1y?: number | null;
      /** @description Performance YTD (a fraction: 0.25 = 25 %). Price ÷ the last close of the previous calendar year − 1. */
      perf_ytd?: number | null;
      /** @description Score (a 0-100 score, higher is better). The composite score, 0-100. */
      score?: number | null;
      /** @description Rank (a whole number). Rank by score in the universe (1 = best). */
      rank?: number | null;
      /** @description Value score (a 0-100 score, higher is better). The value component, 0-100. */
      value?: number | null;
      /** @description Quality score (a 0-100 score, higher is better). The quality component, 0-100. */
      quality?: number | null;
      /** @description Growth score (a 0-100 score, higher is better). The growth component, 0-100. */
      growth?: number | null;
      /** @description Momentum score (a 0-100 score, higher is better). The momentum component, 0-100. */
      momentum?: number | null;
      /** @description Risk score (a 0-100 score, higher is better). The risk component, 0-100 (higher is safer). */
      risk?: number | null;
      /** @description Dividend score (a 0-100 score, higher is better). The dividend component, 0-100. */
      dividend?: number | null;
      /** @description The component scores: default rows only. */
      components?: components['schemas']['ComponentScores'] | null;
    };
    /** @description Factor scores, each 0-100 (higher is better; risk: higher is safer). */
    ComponentScores: {
      value: number;
      quality: number;
      growth: number;
      momentum: number;
      risk: number;
      dividend: number;
    };
    TopStocks: {
      items: components['schemas']['StockListItem'][];
    };
    StockListItem: {
      ticker: string;
      name: string;
      sector: string;
      industry: string;
      price: number | null;
      change: number | null;
      /** @description Day change in percent (1.5 = +1.5 %). */
      change_pct: number | null;
      market_cap: number | null;
      pe: number | null;
      /** @description Fraction (0.02 = 2 %). */
      dividend_yield: number | null;
      score: number | null;
      rank: number | null;
      components: components['schemas']['ComponentScores'] | null;
    };
    Leaderboard: {
      sector: string | null;
      /** @description Present when a sector is given. */
      items: components['schemas']['StockListItem'][];
      /** @description Top stocks of every sector when no sector is given. */
      groups: {
        sector: string;
        items: components['schemas']['StockListItem'][];
      }[];
    };
    ScreenerCatalog: {
      /** @description Stocks the list screens (the scored ones). */
      universe: number;
      metrics: components['schemas']['CatalogMetric'][];
      units: {
        /** @enum {string} */
        key: 'usd' | 'fraction' | 'percent' | 'ratio' | 'shares' | 'count' | 'score' | 'index' | 'text';
        description: string;
      }[];
      /** @description The filter panel's groups, in order. */
      groups: (
        | 'Descriptive'
        | 'Valuation'
        | 'Profitability'
        | 'Growth'
        | 'Financial health'
        | 'Technical'
        | 'Performance'
        | 'Scores'
      )[];
      /** @description Column views like finviz's; ticker and name always come first. */
      presets: {
        key: string;
        label: string;
        columns: (
          | 'sector'
          | 'industry'
          | 'exchange'
          | 'price'
          | 'change'
          | 'change_pct'
          | 'market_cap'
          | 'volume'
          | 'avg_volume'
          | 'rel_volume'
          | 'pe'
          | 'pb'
          | 'ps'
          | 'ev_to_ebitda'
          | 'peg'
          | 'earnings_yield'
          | 'fcf_yield'
          | 'eps'
          | 'dividend_yield'
          | 'payout_ratio'
          | 'gross_margin'
          | 'operating_margin'
          | 'net_margin'
          | 'roe'
          | 'roa'
          | 'roic'
          | 'return_on_capital'
          | 'revenue'
          | 'revenue_growth'
          | 'eps_growth'
          | 'revenue_cagr'
          | 'eps_cagr'
          | 'debt_to_equity'
          | 'current_ratio'
          | 'piotroski'
          | 'altman_z'
          | 'beta'
          | 'volatility'
          | 'rsi14'
          | 'sma20'
          | 'sma50'
          | 'sma200'
          | 'price_vs_sma20'
          | 'price_vs_sma50'
          | 'price_vs_sma200'
          | 'high_52w'
          | 'low_52w'
          | 'from_52w_high'
          | 'from_52w_low'
          | 'momentum_12_1'
          | 'perf_1w'
          | 'perf_1m'
          | 'perf_3m'
          | 'perf_6m'
          | 'perf_1y'
          | 'perf_ytd'
          | 'score'
          | 'rank'
          | 'value'
          | 'quality'
          | 'growth'
          | 'momentum'
          | 'risk'
          | 'dividend'
        )[];
      }[];
      /** @description The market-cap buckets of `cap=`. */
      caps: {
        /** @enum {string} */
        key: 'mega' | 'large' | 'mid' | 'small' | 'micro' | 'nano';
        label: string;
        /** @description USD, inclusive. */
        min: number | null;
        /** @description USD, exclusive. */
        max: number | null;
      }[];
    };
    CatalogMetric: {
      /**
       * @description The row field (`columns=<key>`), the sort key and the bounds' prefix.
       * @enum {string}
       */
      key:
        | 'sector'
        | 'industry'
        | 'exchange'
        | 'price'
        | 'change'
        | 'change_pct'
        | 'market_cap'
        | 'volume'
        | 'avg_volume'
        | 'rel_volume'
        | 'pe'
        | 'pb'
        | 'ps'
        | 'ev_to_ebitda'
        | 'peg'
        | 'earnings_yield'
        | 'fcf_yield'
        | 'eps'
        | 'dividend_yield'
        | 'payout_ratio'
        | 'gross_margin'
        | 'operating_margin'
        | 'net_margin'
        | 'roe'
        | 'roa'
        | 'roic'
        | 'return_on_capital'
        | 'revenue'
        | 'revenue_growth'
        | 'eps_growth'
        | 'revenue_cagr'
        | 'eps_cagr'
        | 'debt_to_equity'
        | 'current_ratio'
        | 'piotroski'
        | 'altman_z'
        | 'beta'
        | 'volatility'
        | 'rsi14'
        | 'sma20'
        | 'sma50'
        | 'sma200'
        | 'price_vs_sma20'
        | 'price_vs_sma50'
        | 'price_vs_sma200'
        | 'high_52w'
        | 'low_52w'
        | 'from_52w_high'
        | 'from_52w_low'
        | 'momentum_12_1'
        | 'perf_1w'
        | 'perf_1m'
        | 'perf_3m'
        | 'perf_6m'
        | 'perf_1y'
        | 'perf_ytd'
        | 'score'
        | 'rank'
        | 'value'
        | 'quality'
        | 'growth'
        | 'momentum'
        | 'risk'
        | 'dividend';
      label: string;
      /** @enum {string} */
      unit: 'usd' | 'fraction' | 'percent' | 'ratio' | 'shares' | 'count' | 'score' | 'index' | 'text';
      format: components['schemas']['MetricFormat'];
      /** @enum {string} */
      group:
        | 'Descriptive'
        | 'Valuation'
        | 'Profitability'
        | 'Growth'
        | 'Financial health'
        | 'Technical'
        | 'Performance'
        | 'Scores';
      description: string;
      /** @description The views that show it. */
      presets: ('overview' | 'valuation' | 'financial' | 'performance' | 'technical' | 'scores')[];
      /** @description range: bounds in the metric's unit; values: a comma-separated list of exact values. */
      filter: {
        /** @enum {string} */
        kind: 'range' | 'values';
        /** @description Its query parameters: `<key>_min` and `<key>_max`, or `<key>`. */
        params: string[];
      };
      /** @description Over the stocks listed today (numeric metrics). */
      stats: {
        /** @description Stocks with a value. */
        count: number;
        min: number | null;
        max: number | null;
      } | null;
      /** @description The values stocks carry today, with how many do (text metrics). */
      values:
        | {
            value: string;
            count: number;
          }[]
        | null;
    };
    /**
     * @description How to show the value: pct = a fraction as a percentage, x = a multiple, money = USD, big_money = USD in K/M/B/T, int = a count, num = a plain number, score = a 0-100 score, text = a word shown as it is (the value is a string).
     * @enum {string}
     */
    MetricFormat: 'pct' | 'x' | 'money' | 'big_money' | 'int' | 'num' | 'score' | 'text';
    Heatmap: {
      /** @description The sector zoomed into, or null for the whole market. */
      sector: string | null;
      /** @description The most stocks listed (the query parameter). */
      limit: number;
      /** @description Stocks with a market cap in view (the market or the sector). */
      count: number;
      /** @description Of those, the ones listed: the largest `limit` by market cap. */
      shown: number;
      sectors: {
        sector: string;
        /** @description Its stocks with a market cap, listed or not. */
        count: number;
        /** @description Of those, the ones listed here (the largest). */
        shown: number;
        /** @description USD: the total of all its stocks, listed or not. */
        market_cap: number;
        /** @description The day's change, percent points, weighted by cap. */
        change_pct: number | null;
        /** @description 1-week performance, a fraction, weighted by cap. */
        perf_1w: number | null;
        /** @description 1-month performance, a fraction, weighted by cap. */
        perf_1m: number | null;
        /** @description The total score, weighted by cap. */
        score: number | null;
        /** @description The sector's stocks that are not listed (smaller than the listed ones): their count, total cap and cap-weighted colours, for one tile that keeps the sector its true size; null when all are listed. */
        rest: {
          count: number;
          /** @description USD. */
          market_cap: number;
          change_pct: number | null;
          perf_1w: number | null;
          perf_1m: number | null;
          score: number | null;
        } | null;
        /** @description The industries with a listed stock, largest (total cap) first. */
        industries: {
          industry: string;
          /** @description Its stocks with a market cap, listed or not. */
          count: number;
          /** @description Of those, the ones listed here (the largest). */
          shown: number;
          /** @description USD: the total of all its stocks, listed or not. */
          market_cap: number;
          stocks: {
            ticker: string;
            name: string;
            /** @description USD, the tile size; to 0.01 of its unit (2.95T, 812.34B, 45.67M) as the map shows it. */
            market_cap: number;
            /** @description USD, cents. */
            price: number | null;
            /** @description The day's change in percent points (1.5 = +1.5 %), 2 decimals. */
            change_pct: number | null;
            /** @description Performance over 5 sessions, a fraction (0.02 = 2 %), 4 decimals. */
            perf_1w: number | null;
            /** @description Performance over 21 sessions, a fraction, 4 decimals. */
            perf_1m: number | null;
            /** @description The total score, 0-100, 1 decimal. */
            score: number | null;
          }[];
        }[];
      }[];
    };
    StrategyList: {
      items: components['schemas']['Strategy'][];
    };
    Strategy: {
      id: string;
      name: string;
      description: string;
      source: string;
      rules: string[];
      ranking: string;
      /** @description Stocks that pass every rule today. */
      matches: number;
      /** @description Stocks screened (the whole universe). */
      screened: number;
      /** @description Each rule, in order, with how many screened stocks fail it. */
      excluded_by: {
        rule: string;
        excluded: number;
      }[];
    };
    StrategyResult: {
      strategy: components['schemas']['Strategy'];
      total_matches: number;
      items: {
        rank: number;
        ticker: string;
        name: string;
        sector: string;
        price: number | null;
        change_pct: number | null;
        market_cap: number | null;
        score: number | null;
        metric: {
          label: string;
          value: number | null;
          format: components['schemas']['MetricFormat'];
        };
        reasons: string[];
      }[];
    };
    StockDetail: {
      ticker: string;
      name: string;
      sector: string;
      industry: string;
      exchange: string;
      description: string;
      /** @description "sample" for the built-in sample data, "fmp" for Financial Modeling Prep. */
      source: string;
      score: number | null;
      rank: number | null;
      sector_rank: number | null;
      universe_size: number;
      components: components['schemas']['ComponentScores'] | null;
      explanation: components['schemas']['Explanation'] | null;
      metrics: components['schemas']['StockMetrics'] | null;
      quote: components['schemas']['Quote'];
      fundamentals: components['schemas']['Fundamentals'];
      /** @description Fundamentals that do not apply to this company (field name → reason), e.g. gross_margin for banks and insurers, which have no cost of goods sold. Their value is null; show "n/a" with the reason. */
      not_applicable: {
        [key: string]: string;
      };
      score_as_of: string | null;
    };
    Explanation: {
      summary: string;
      strengths: string[];
      weaknesses: string[];
      components: {
        /** @enum {string} */
        key: 'value' | 'quality' | 'growth' | 'momentum' | 'risk' | 'dividend';
        label: string;
        score: number;
        weight: number;
        drivers: {
          metric: string;
          label: string;
          value: number | null;
          format: components['schemas']['MetricFormat'];
          percentile: number | null;
          /** @enum {string} */
          better: 'higher' | 'lower';
        }[];
        note?: string;
      }[];
    };
    /** @description Indicators and published scores, each with its label and format. */
    StockMetrics: {
      piotroskiF: components['schemas']['Metric'];
      altmanZ: components['schemas']['Metric'];
      altmanModel: components['schemas']['Metric'];
      grahamNumber: components['schemas']['Metric'];
      bookValuePerShare: components['schemas']['Metric'];
      earningsYield: components['schemas']['Metric'];
      returnOnCapital: components['schemas']['Metric'];
      fcfYield: components['schemas']['Metric'];
      momentum12_1: components['schemas']['Metric'];
      return6m: components['schemas']['Metric'];
      volatility: components['schemas']['Metric'];
      rsi14: components['schemas']['Metric'];
      sma20: components['schemas']['Metric'];
      sma50: components['schemas']['Metric'];
      sma200: components['schemas']['Metric'];
      high52w: components['schemas']['Metric'];
      low52w: components['schemas']['Metric'];
      epsCagr: components['schemas']['Metric'];
      revenueCagr: components['schemas']['Metric'];
      epsAvg3y: components['schemas']['Metric'];
      revenue: components['schemas']['Metric'];
      workingCapital: components['schemas']['Metric'];
      longTermDebt: components['schemas']['Metric'];
      dividendGrowthYears: components['schemas']['Metric'];
      dividendYearsPaid: components['schemas']['Metric'];
      positiveEarningsYears: components['schemas']['Metric'];
      yearsOfData: components['schemas']['Metric'];
    };
    Metric: {
      label: string;
      /** @description A string only for format text. */
      value: number | string | null;
      format: components['schemas']['MetricFormat'];
    };
    Quote: {
      price: number | null;
      change: number | null;
      change_pct: number | null;
      open: number | null;
      day_high: number | null;
      day_low: number | null;
      previous_close: number | null;
      volume: number | null;
      avg_volume: number | null;
      year_high: number | null;
      year_low: number | null;
      /** @description Trading day of the quote (YYYY-MM-DD). */
      as_of: string | null;
    };
    /** @description Ratios are fractions (0.25 = 25 %). */
    Fundamentals: {
      market_cap: number | null;
      pe: number | null;
      pb: number | null;
      ps: number | null;
      ev_to_ebitda: number | null;
      peg: number | null;
      dividend_yield: number | null;
      payout_ratio: number | null;
      gross_margin: number | null;
      operating_margin: number | null;
      net_margin: number | null;
      roe: number | null;
      roa: number | null;
      roic: number | null;
      revenue_growth: number | null;
      eps_growth: number | null;
      debt_to_equity: number | null;
      current_ratio: number | null;
      eps: number | null;
      beta: number | null;
    };
    PriceHistory: {
      ticker: string;
      from: string | null;
      to: string | null;
      items: components['schemas']['PricePoint'][];
    };
    PricePoint: {
      date: string;
      open: number;
      high: number;
      low: number;
      close: number;
      volume: number;
      sma50: number | null;
      sma200: number | null;
      /** @description RSI(14), Wilder; with `indicators=rsi`. */
      rsi14?: number | null;
      /** @description MACD(12,26) line: EMA12 − EMA26; with `indicators=macd`. */
      macd?: number | null;
      /** @description EMA9 of the MACD line; with `indicators=macd`. */
      macd_signal?: number | null;
      /** @description MACD line − signal; with `indicators=macd`. */
      macd_hist?: number | null;
      /** @description Bollinger(20, 2) upper band: SMA20 + 2σ (population); with `indicators=bb`. */
      bb_upper?: number | null;
      /** @description Bollinger middle band (SMA20); with `indicators=bb`. */
      bb_middle?: number | null;
      /** @description Bollinger lower band: SMA20 − 2σ; with `indicators=bb`. */
      bb_lower?: number | null;
    };
    ScoreHistory: {
      ticker: string;
      items: components['schemas']['ScorePoint'][];
    };
    ScorePoint: {
      date: string;
      score: number;
      rank: number;
      components: components['schemas']['ComponentScores'];
    };
    SectorList: {
      items: {
        sector: string;
        count: number;
        avg_score: number | null;
        avg_change_pct: number | null;
        market_cap: number | null;
        top: {
          ticker: string;
          name: string;
          score: number | null;
        } | null;
      }[];
    };
    ScoreBacktest: {
      /** @description The latest price date (YYYY-MM-DD). */
      as_of: string | null;
      /** @description True on the sample data set: the figures show the method, not a market result. */
      sample: boolean;
      formation: {
        /** @description How formation dates are chosen. */
        rule: string;
        /** @description Month-end formation dates with scores. */
        dates: number;
        first: string | null;
        last: string | null;
        /** @description Of those, dates whose scores were recomputed point in time. */
        backfilled: number;
        /** @description Of those, dates whose scores were recorded on the day. */
        live: number;
      };
      /** @description What the backfilled scores know and what they do not. */
      point_in_time: string;
      horizons: components['schemas']['BacktestHorizon'][];
    };
    BacktestHorizon: {
      /** @enum {string} */
      horizon: '1m' | '3m';
      /** @description Trading sessions from the formation close to the exit close. */
      sessions: number;
      /** @description Formation dates with enough stocks and a complete forward window. */
      dates: number;
      deciles: components['schemas']['BacktestDecile'][];
      /** @description Top decile minus bottom decile, averaged over dates. A fraction (0.02 = 2 %). */
      spread: number | null;
      ic: {
        /** @description Mean of each date's Spearman rank correlation of score and return. */
        mean: number | null;
        sd: number | null;
        /** @description mean / (sd / √n) over non-overlapping dates; null with fewer than 3 or no spread. */
        t: number | null;
        /** @description Dates the t-statistic uses. */
        independent_dates: number;
        series: {
          date: string;
          ic: number;
          stocks: number;
        }[];
      };
      top_decile: {
        /** @description Share of top-decile stocks whose return beat that date's median. A fraction (0.02 = 2 %). */
        hit_rate: number | null;
        /** @description Mean share of the top decile replaced since the previous formation date. A fraction (0.02 = 2 %). */
        turnover: number | null;
      };
    };
    BacktestDecile: {
      /** @description 1 = the lowest scores, 10 = the highest. */
      decile: number;
      /** @description Mean forward return of the decile, averaged over formation dates. A fraction (0.02 = 2 %). */
      mean_return: number | null;
      /** @description Mean return minus that date's universe mean, averaged over dates. A fraction (0.02 = 2 %). */
      excess_return: number | null;
      /** @description Stock-dates in the decile. */
      observations: number;
    };
    MarketStatus: {
      /** @description The instant asked about (ISO-8601, UTC); "now" is given to the second. */
      at: string;
      /** @description Its exchange-local date (America/New_York), YYYY-MM-DD. */
      date: string;
      /** @constant */
      time_zone: 'America/New_York';
      is_open: boolean;
      /** @description Why the market is closed; null while open. */
      reason: ('weekend' | 'holiday' | 'pre_market' | 'after_hours' | 'early_close') | null;
      /** @description The holiday's name when reason is holiday. */
      holiday: string | null;
      /** @description One line for people, e.g. "Closed for Thanksgiving Day". */
      message: string;
      /** @description The day's regular session; null when the exchange does not trade that day. */
      session: {
        date: string;
        /** @description Opening instant (ISO-8601, UTC). */
        open: string;
        /** @description Closing instant (ISO-8601, UTC). */
        close: string;
        /** @description Closes at 13:00 New York time. */
        early_close: boolean;
      } | null;
      /** @description The next opening after `at` (ISO-8601, UTC). */
      next_open: string;
      /** @description The next closing after `at` (ISO-8601, UTC). */
      next_close: string;
    };
    CacheStats: {
      /** @enum {string} */
      backend: 'redis' | 'memory' | 'none';
      /** @enum {string} */
      status: 'up' | 'down' | 'disabled';
      hits: number;
      misses: number;
      /** @description hits / (hits + misses), a fraction; null before any lookup. */
      hit_rate: number | null;
      keys: number | null;
      /** @description When the counters started (ISO-8601). */
      since: string;
      /** @description Lookups answered by the loader without storing (the shared tier unreachable). */
      bypasses?: number;
      /** @description Per-tier figures: a hit is counted in the tier that answered it. */
      tiers?: {
        memory: {
          hits: number;
          entries: number;
          max_entries: number;
          /** @description Memory the entries take (their objects, JSON bytes and bookkeeping), as the byte bound counts it. */
          bytes: number;
          max_bytes: number;
        };
        /** @description null when REDIS_ENABLED is false. */
        redis: {
          hits: number;
          /** @enum {string} */
          status: 'up' | 'down';
          /** @description Why the tier is down; null when up. */
          error: string | null;
        } | null;
      };
    };
    JobList: {
      items: {
        name: string;
        /** @description Human-readable schedule, e.g. "hourly 10:00-16:00 ET, trading days". */
        schedule: string;
        last_run_at: string | null;
        last_finished_at: string | null;
        last_status: ('succeeded' | 'failed' | 'running') | null;
        /** @description What made the latest run fail, for people (null unless it failed). */
        last_error: string | null;
        /** @description The failed run's stable code when it has one (e.g. provider_timeout, provider_auth, provider_body_too_large). */
        last_error_code: string | null;
        next_run_at: string | null;
        /** @description Consecutive failures of the latest runs. */
        failures: number;
        /** @description The latest run failed and used up its retries (shown until a run succeeds). */
        retries_exhausted: boolean;
        /** @description Percent done of the running job, else null. */
        progress: number | null;
        /** @description Where the job reads market data from (sample, fmp); null for other jobs. */
        data_source: string | null;
      }[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description Seconds to wait before asking again. */
    'Retry-After': number;
    /** @description Requests a client may send a minute (RATE_LIMIT_PER_MINUTE). */
    'RateLimit-Limit': number;
    /** @description Requests this client has left in the current window. */
    'RateLimit-Remaining': number;
    /** @description Seconds until the window resets. */
    'RateLimit-Reset': number;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unhealthy: the database is unreachable (the body is still a Health document) */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  livez: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Livez'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readyz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readyz'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Not ready (the body is still a Readyz document) */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readyz'];
        };
      };
    };
  };
  listStocks: {
    parameters: {
      query?: {
        page?: number;
        /** @description Items per page (`size` is accepted as its older name). */
        limit?: number;
        /** @description Ticker or name search. */
        q?: string;
        /** @description Comma-separated metric keys (`GET /api/screener/metrics`): each row carries ticker, name and these fields, in this order. Without it a row carries the default fields (sector, industry, price, change, change_pct, market_cap, pe, dividend_yield, score, rank, components). */
        columns?: string;
        /** @description GICS sector names (case-insensitive), comma-separated: a stock in any of them. */
        sector?: string;
        /** @description GICS sub-industries, exactly as stocks carry them (case-insensitive), comma-separated: a stock in any of them. A name that holds a comma ("Technology Hardware, Storage & Peripherals") is written as it is. */
        industry?: string;
        /** @description Listing exchanges, comma-separated (NYSE, NASDAQ). */
        exchange?: string;
        /** @description finviz's market-cap buckets, comma-separated: a stock in any of them. mega: Mega ($200bln and more); large: Large ($10bln to $200bln); mid: Mid ($2bln to $10bln); small: Small ($300mln to $2bln); micro: Micro ($50mln to $300mln); nano: Nano (under $50mln). Each bucket includes its lower bound and excludes its upper one. */
        cap?: string;
        /** @description Lowest Price, inclusive, in US dollars; a stock without a value is left out. Latest price (the last close, or the live quote during a session). */
        price_min?: number;
        /** @description Highest Price, inclusive, in US dollars; a stock without a value is left out. Latest price (the last close, or the live quote during a session). */
        price_max?: number;
        /** @description Lowest Change, inclusive, in US dollars; a stock without a value is left out. The day's change against the previous close. */
        change_min?: number;
        /** @description Highest Change, inclusive, in US dollars; a stock without a value is left out. The day's change against the previous close. */
        change_max?: number;
        /** @description Lowest Change %, inclusive, in percent points: 1.5 = +1.5 %; a stock without a value is left out. The day's change against the previous close, in percent points. */
        change_pct_min?: number;
        /** @description Highest Change %, inclusive, in percent points: 1.5 = +1.5 %; a stock without a value is left out. The day's change against the previous close, in percent points. */
        change_pct_max?: number;
        /** @description Lowest Market cap, inclusive, in US dollars; a stock without a value is left out. Price × diluted shares of the latest fiscal year. `cap=` filters by size bucket. */
        market_cap_min?: number;
        /** @description Highest Market cap, inclusive, in US dollars; a stock without a value is left out. Price × diluted shares of the latest fiscal year. `cap=` filters by size bucket. */
        market_cap_max?: number;
        /** @description Lowest Volume, inclusive, in a number of shares; a stock without a value is left out. The session's volume. */
        volume_min?: number;
        /** @description Highest Volume, inclusive, in a number of shares; a stock without a value is left out. The session's volume. */
        volume_max?: number;
        /** @description Lowest Average volume, inclusive, in a number of shares; a stock without a value is left out. Mean daily volume of the last 20 sessions. */
        avg_volume_min?: number;
        /** @description Highest Average volume, inclusive, in a number of shares; a stock without a value is left out. Mean daily volume of the last 20 sessions. */
        avg_volume_max?: number;
        /** @description Lowest Relative volume, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. The session's volume ÷ the 20-session average. */
        rel_volume_min?: number;
        /** @description Highest Relative volume, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. The session's volume ÷ the 20-session average. */
        rel_volume_max?: number;
        /** @description Lowest P/E, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Price ÷ diluted EPS of the latest fiscal year; none with a loss. */
        pe_min?: number;
        /** @description Highest P/E, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Price ÷ diluted EPS of the latest fiscal year; none with a loss. */
        pe_max?: number;
        /** @description Lowest P/B, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Market cap ÷ shareholders' equity. */
        pb_min?: number;
        /** @description Highest P/B, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Market cap ÷ shareholders' equity. */
        pb_max?: number;
        /** @description Lowest P/S, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Market cap ÷ revenue. */
        ps_min?: number;
        /** @description Highest P/S, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Market cap ÷ revenue. */
        ps_max?: number;
        /** @description Lowest EV/EBITDA, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Enterprise value (market cap + debt − cash) ÷ EBITDA (operating income + D&A); none when either is not positive. */
        ev_to_ebitda_min?: number;
        /** @description Highest EV/EBITDA, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Enterprise value (market cap + debt − cash) ÷ EBITDA (operating income + D&A); none when either is not positive. */
        ev_to_ebitda_max?: number;
        /** @description Lowest PEG, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. P/E ÷ (EPS growth in percent): the multi-year EPS CAGR, else the year-over-year growth; none when growth is not positive. */
        peg_min?: number;
        /** @description Highest PEG, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. P/E ÷ (EPS growth in percent): the multi-year EPS CAGR, else the year-over-year growth; none when growth is not positive. */
        peg_max?: number;
        /** @description Lowest Earnings yield, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Greenblatt's earnings yield: EBIT ÷ enterprise value. */
        earnings_yield_min?: number;
        /** @description Highest Earnings yield, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Greenblatt's earnings yield: EBIT ÷ enterprise value. */
        earnings_yield_max?: number;
        /** @description Lowest FCF yield, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Free cash flow (operating cash flow − capex) ÷ market cap. */
        fcf_yield_min?: number;
        /** @description Highest FCF yield, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Free cash flow (operating cash flow − capex) ÷ market cap. */
        fcf_yield_max?: number;
        /** @description Lowest EPS, inclusive, in US dollars; a stock without a value is left out. Diluted earnings per share, latest fiscal year. */
        eps_min?: number;
        /** @description Highest EPS, inclusive, in US dollars; a stock without a value is left out. Diluted earnings per share, latest fiscal year. */
        eps_max?: number;
        /** @description Lowest Dividend yield, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Dividends per share ÷ price. */
        dividend_yield_min?: number;
        /** @description Highest Dividend yield, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Dividends per share ÷ price. */
        dividend_yield_max?: number;
        /** @description Lowest Payout ratio, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Dividends per share ÷ EPS; none with a loss. */
        payout_ratio_min?: number;
        /** @description Highest Payout ratio, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Dividends per share ÷ EPS; none with a loss. */
        payout_ratio_max?: number;
        /** @description Lowest Gross margin, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Gross profit ÷ revenue; none for banks and insurers (no cost of goods sold). */
        gross_margin_min?: number;
        /** @description Highest Gross margin, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Gross profit ÷ revenue; none for banks and insurers (no cost of goods sold). */
        gross_margin_max?: number;
        /** @description Lowest Operating margin, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Operating income ÷ revenue. */
        operating_margin_min?: number;
        /** @description Highest Operating margin, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Operating income ÷ revenue. */
        operating_margin_max?: number;
        /** @description Lowest Net margin, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Net income ÷ revenue. */
        net_margin_min?: number;
        /** @description Highest Net margin, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Net income ÷ revenue. */
        net_margin_max?: number;
        /** @description Lowest ROE, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Net income ÷ shareholders' equity. */
        roe_min?: number;
        /** @description Highest ROE, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Net income ÷ shareholders' equity. */
        roe_max?: number;
        /** @description Lowest ROA, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Net income ÷ total assets. */
        roa_min?: number;
        /** @description Highest ROA, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Net income ÷ total assets. */
        roa_max?: number;
        /** @description Lowest ROIC, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. EBIT × (1 − 21 %) ÷ (debt + equity − cash). */
        roic_min?: number;
        /** @description Highest ROIC, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. EBIT × (1 − 21 %) ÷ (debt + equity − cash). */
        roic_max?: number;
        /** @description Lowest Return on capital, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Greenblatt's return on capital: EBIT ÷ (net working capital + net PP&E). */
        return_on_capital_min?: number;
        /** @description Highest Return on capital, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Greenblatt's return on capital: EBIT ÷ (net working capital + net PP&E). */
        return_on_capital_max?: number;
        /** @description Lowest Revenue, inclusive, in US dollars; a stock without a value is left out. Revenue of the latest fiscal year. */
        revenue_min?: number;
        /** @description Highest Revenue, inclusive, in US dollars; a stock without a value is left out. Revenue of the latest fiscal year. */
        revenue_max?: number;
        /** @description Lowest Revenue growth, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Revenue, latest fiscal year against the one before. */
        revenue_growth_min?: number;
        /** @description Highest Revenue growth, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Revenue, latest fiscal year against the one before. */
        revenue_growth_max?: number;
        /** @description Lowest EPS growth, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Diluted EPS, latest fiscal year against the one before; none when the earlier was not positive. */
        eps_growth_min?: number;
        /** @description Highest EPS growth, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Diluted EPS, latest fiscal year against the one before; none when the earlier was not positive. */
        eps_growth_max?: number;
        /** @description Lowest Revenue CAGR, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Compound annual revenue growth over the stored fiscal years (at least three). */
        revenue_cagr_min?: number;
        /** @description Highest Revenue CAGR, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Compound annual revenue growth over the stored fiscal years (at least three). */
        revenue_cagr_max?: number;
        /** @description Lowest EPS CAGR, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Compound annual EPS growth over the stored fiscal years (at least three, both ends positive). */
        eps_cagr_min?: number;
        /** @description Highest EPS CAGR, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Compound annual EPS growth over the stored fiscal years (at least three, both ends positive). */
        eps_cagr_max?: number;
        /** @description Lowest Debt/equity, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Total debt ÷ shareholders' equity. */
        debt_to_equity_min?: number;
        /** @description Highest Debt/equity, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Total debt ÷ shareholders' equity. */
        debt_to_equity_max?: number;
        /** @description Lowest Current ratio, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Current assets ÷ current liabilities. */
        current_ratio_min?: number;
        /** @description Highest Current ratio, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Current assets ÷ current liabilities. */
        current_ratio_max?: number;
        /** @description Lowest Piotroski F-score, inclusive, in a whole number; a stock without a value is left out. Piotroski's F-score, 0-9, from the last two fiscal years. */
        piotroski_min?: number;
        /** @description Highest Piotroski F-score, inclusive, in a whole number; a stock without a value is left out. Piotroski's F-score, 0-9, from the last two fiscal years. */
        piotroski_max?: number;
        /** @description Lowest Altman Z-score, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Altman's Z (manufacturers) or Z'' (others); none for financials and real estate. */
        altman_z_min?: number;
        /** @description Highest Altman Z-score, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Altman's Z (manufacturers) or Z'' (others); none for financials and real estate. */
        altman_z_max?: number;
        /** @description Lowest Beta, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Beta against the broad US market. */
        beta_min?: number;
        /** @description Highest Beta, inclusive, in a multiple or ratio: 15 = 15x; a stock without a value is left out. Beta against the broad US market. */
        beta_max?: number;
        /** @description Lowest Volatility, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Annualised standard deviation of daily log returns over the last 252 sessions. */
        volatility_min?: number;
        /** @description Highest Volatility, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Annualised standard deviation of daily log returns over the last 252 sessions. */
        volatility_max?: number;
        /** @description Lowest RSI (14), inclusive, in a 0-100 index; a stock without a value is left out. Wilder's 14-session relative strength index, 0-100, at the last close. */
        rsi14_min?: number;
        /** @description Highest RSI (14), inclusive, in a 0-100 index; a stock without a value is left out. Wilder's 14-session relative strength index, 0-100, at the last close. */
        rsi14_max?: number;
        /** @description Lowest SMA 20, inclusive, in US dollars; a stock without a value is left out. Simple moving average of the last 20 closes. */
        sma20_min?: number;
        /** @description Highest SMA 20, inclusive, in US dollars; a stock without a value is left out. Simple moving average of the last 20 closes. */
        sma20_max?: number;
        /** @description Lowest SMA 50, inclusive, in US dollars; a stock without a value is left out. Simple moving average of the last 50 closes. */
        sma50_min?: number;
        /** @description Highest SMA 50, inclusive, in US dollars; a stock without a value is left out. Simple moving average of the last 50 closes. */
        sma50_max?: number;
        /** @description Lowest SMA 200, inclusive, in US dollars; a stock without a value is left out. Simple moving average of the last 200 closes. */
        sma200_min?: number;
        /** @description Highest SMA 200, inclusive, in US dollars; a stock without a value is left out. Simple moving average of the last 200 closes. */
        sma200_max?: number;
        /** @description Lowest Price vs SMA 20, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Distance of the price from its 20-session SMA: price ÷ SMA − 1 (0.05 = 5 % above). */
        price_vs_sma20_min?: number;
        /** @description Highest Price vs SMA 20, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Distance of the price from its 20-session SMA: price ÷ SMA − 1 (0.05 = 5 % above). */
        price_vs_sma20_max?: number;
        /** @description Lowest Price vs SMA 50, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Distance of the price from its 50-session SMA: price ÷ SMA − 1. */
        price_vs_sma50_min?: number;
        /** @description Highest Price vs SMA 50, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Distance of the price from its 50-session SMA: price ÷ SMA − 1. */
        price_vs_sma50_max?: number;
        /** @description Lowest Price vs SMA 200, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Distance of the price from its 200-session SMA: price ÷ SMA − 1. */
        price_vs_sma200_min?: number;
        /** @description Highest Price vs SMA 200, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Distance of the price from its 200-session SMA: price ÷ SMA − 1. */
        price_vs_sma200_max?: number;
        /** @description Lowest 52-week high, inclusive, in US dollars; a stock without a value is left out. Highest high of the last 252 sessions (today included). */
        high_52w_min?: number;
        /** @description Highest 52-week high, inclusive, in US dollars; a stock without a value is left out. Highest high of the last 252 sessions (today included). */
        high_52w_max?: number;
        /** @description Lowest 52-week low, inclusive, in US dollars; a stock without a value is left out. Lowest low of the last 252 sessions (today included). */
        low_52w_min?: number;
        /** @description Highest 52-week low, inclusive, in US dollars; a stock without a value is left out. Lowest low of the last 252 sessions (today included). */
        low_52w_max?: number;
        /** @description Lowest From 52-week high, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ 52-week high − 1: zero at the high, negative below it. */
        from_52w_high_min?: number;
        /** @description Highest From 52-week high, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ 52-week high − 1: zero at the high, negative below it. */
        from_52w_high_max?: number;
        /** @description Lowest From 52-week low, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ 52-week low − 1: zero at the low, positive above it. */
        from_52w_low_min?: number;
        /** @description Highest From 52-week low, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ 52-week low − 1: zero at the low, positive above it. */
        from_52w_low_max?: number;
        /** @description Lowest 12-1 month momentum, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Return from 252 to 21 sessions ago (skipping the latest month). */
        momentum_12_1_min?: number;
        /** @description Highest 12-1 month momentum, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Return from 252 to 21 sessions ago (skipping the latest month). */
        momentum_12_1_max?: number;
        /** @description Lowest Performance 1W, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 5 sessions before − 1. */
        perf_1w_min?: number;
        /** @description Highest Performance 1W, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 5 sessions before − 1. */
        perf_1w_max?: number;
        /** @description Lowest Performance 1M, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 21 sessions before − 1. */
        perf_1m_min?: number;
        /** @description Highest Performance 1M, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 21 sessions before − 1. */
        perf_1m_max?: number;
        /** @description Lowest Performance 3M, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 63 sessions before − 1. */
        perf_3m_min?: number;
        /** @description Highest Performance 3M, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 63 sessions before − 1. */
        perf_3m_max?: number;
        /** @description Lowest Performance 6M, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 126 sessions before − 1. */
        perf_6m_min?: number;
        /** @description Highest Performance 6M, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 126 sessions before − 1. */
        perf_6m_max?: number;
        /** @description Lowest Performance 1Y, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 252 sessions before − 1. */
        perf_1y_min?: number;
        /** @description Highest Performance 1Y, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the close 252 sessions before − 1. */
        perf_1y_max?: number;
        /** @description Lowest Performance YTD, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the last close of the previous calendar year − 1. */
        perf_ytd_min?: number;
        /** @description Highest Performance YTD, inclusive, in a fraction: 0.25 = 25 %; a stock without a value is left out. Price ÷ the last close of the previous calendar year − 1. */
        perf_ytd_max?: number;
        /** @description Lowest Score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The composite score, 0-100. */
        score_min?: number;
        /** @description Highest Score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The composite score, 0-100. */
        score_max?: number;
        /** @description Lowest Rank, inclusive, in a whole number; a stock without a value is left out. Rank by score in the universe (1 = best). */
        rank_min?: number;
        /** @description Highest Rank, inclusive, in a whole number; a stock without a value is left out. Rank by score in the universe (1 = best). */
        rank_max?: number;
        /** @description Lowest Value score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The value component, 0-100. */
        value_min?: number;
        /** @description Highest Value score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The value component, 0-100. */
        value_max?: number;
        /** @description Lowest Quality score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The quality component, 0-100. */
        quality_min?: number;
        /** @description Highest Quality score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The quality component, 0-100. */
        quality_max?: number;
        /** @description Lowest Growth score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The growth component, 0-100. */
        growth_min?: number;
        /** @description Highest Growth score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The growth component, 0-100. */
        growth_max?: number;
        /** @description Lowest Momentum score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The momentum component, 0-100. */
        momentum_min?: number;
        /** @description Highest Momentum score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The momentum component, 0-100. */
        momentum_max?: number;
        /** @description Lowest Risk score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The risk component, 0-100 (higher is safer). */
        risk_min?: number;
        /** @description Highest Risk score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The risk component, 0-100 (higher is safer). */
        risk_max?: number;
        /** @description Lowest Dividend score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The dividend component, 0-100. */
        dividend_min?: number;
        /** @description Highest Dividend score, inclusive, in a 0-100 score, higher is better; a stock without a value is left out. The dividend component, 0-100. */
        dividend_max?: number;
        /** @description ticker, name or any metric key. Stocks without a value come last, whichever the order. */
        sort?:
          | 'ticker'
          | 'name'
          | 'sector'
          | 'industry'
          | 'exchange'
          | 'price'
          | 'change'
          | 'change_pct'
          | 'market_cap'
          | 'volume'
          | 'avg_volume'
          | 'rel_volume'
          | 'pe'
          | 'pb'
          | 'ps'
          | 'ev_to_ebitda'
          | 'peg'
          | 'earnings_yield'
          | 'fcf_yield'
          | 'eps'
          | 'dividend_yield'
          | 'payout_ratio'
          | 'gross_margin'
          | 'operating_margin'
          | 'net_margin'
          | 'roe'
          | 'roa'
          | 'roic'
          | 'return_on_capital'
          | 'revenue'
          | 'revenue_growth'
          | 'eps_growth'
          | 'revenue_cagr'
          | 'eps_cagr'
          | 'debt_to_equity'
          | 'current_ratio'
          | 'piotroski'
          | 'altman_z'
          | 'beta'
          | 'volatility'
          | 'rsi14'
          | 'sma20'
          | 'sma50'
          | 'sma200'
          | 'price_vs_sma20'
          | 'price_vs_sma50'
          | 'price_vs_sma200'
          | 'high_52w'
          | 'low_52w'
          | 'from_52w_high'
          | 'from_52w_low'
          | 'momentum_12_1'
          | 'perf_1w'
          | 'perf_1m'
          | 'perf_3m'
          | 'perf_6m'
          | 'perf_1y'
          | 'perf_ytd'
          | 'score'
          | 'rank'
          | 'value'
          | 'quality'
          | 'growth'
          | 'momentum'
          | 'risk'
          | 'dividend';
        /** @description Default: ascending for text, ticker, name and rank; descending for the other numbers. */
        order?: 'asc' | 'desc';
        /**
         * @deprecated
         * @description Older name of `limit`, still accepted (give one of them).
         */
        size?: number;
        /**
         * @deprecated
         * @description Older name of `score_min`, still accepted (give one of them).
         */
        min_score?: number;
        /**
         * @deprecated
         * @description Older name of `score_max`, still accepted (give one of them).
         */
        max_score?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StockPage'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  topStocks: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TopStocks'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  leaderboard: {
    parameters: {
      query?: {
        limit?: number;
        /** @description A GICS sector name (case-insensitive). */
        sector?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Leaderboard'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  screenerMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScreenerCatalog'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  heatmap: {
    parameters: {
      query?: {
        /** @description Zoom into one GICS sector (case-insensitive): its stocks, largest first, up to `limit`. Without it, the whole market. An unknown sector is a 400. */
        sector?: string;
        /** @description The most stocks listed: the largest by market cap over the whole market (or in the sector), 500 by default (finviz's map shows the S&P 500), at most 2000. The aggregates cover every stock, listed or not. */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Heatmap'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listStrategies: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StrategyList'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  runStrategy: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        /** @description Strategy id from /api/stocks/screener/strategies */
        strategy: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StrategyResult'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unknown strategy */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getStock: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Ticker symbol, case-insensitive */
        ticker: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StockDetail'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unknown ticker, or not a ticker symbol */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getPrices: {
    parameters: {
      query?: {
        range?: '1m' | '3m' | '6m' | '1y' | '2y' | 'max';
        from?: string;
        to?: string;
        /** @description Indicator series to add to every point, comma-separated: `rsi` (RSI 14), `macd` (MACD 12, 26, 9), `bb` (Bollinger bands 20, 2). Computed over the whole history, so the first days of a range have theirs. */
        indicators?: string;
      };
      header?: never;
      path: {
        /** @description Ticker symbol, case-insensitive */
        ticker: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PriceHistory'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unknown ticker, or not a ticker symbol */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getScoreHistory: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        /** @description Ticker symbol, case-insensitive */
        ticker: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScoreHistory'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unknown ticker, or not a ticker symbol */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSectors: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SectorList'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  scoreBacktest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ScoreBacktest'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  marketStatus: {
    parameters: {
      query?: {
        /** @description The instant to ask about (default: now). */
        at?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MarketStatus'];
        };
      };
      /** @description Invalid parameter */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  cacheStats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CacheStats'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No admin token, or a wrong one (`unauthorized`, with `WWW-Authenticate: Bearer`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Operational detail is off: the server has no ADMIN_TOKEN (`admin_disabled`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listJobs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobList'];
        };
      };
      /** @description Invalid parameter (this route takes none) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No admin token, or a wrong one (`unauthorized`, with `WWW-Authenticate: Bearer`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Operational detail is off: the server has no ADMIN_TOKEN (`admin_disabled`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many requests from this client this minute (`rate_limited`); retry after Retry-After seconds */
      429: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Unexpected error (generic message; details are logged) */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description The database is unreachable (`database_unavailable`); retry after Retry-After seconds */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}
