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
    /** List stocks (paginated, filterable, sortable) */
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
    /** Daily OHLCV with SMA 50/200 (default range 1y) */
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
      items: components['schemas']['StockListItem'][];
      page: number;
      /** @description Items per page. */
      limit: number;
      /** @description Same as limit (its older name). */
      size: number;
      total: number;
      pages: number;
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
    /**
     * @description How to show the value: pct = a fraction as a percentage, x = a multiple, money = USD, big_money = USD in K/M/B/T, int = a count, num = a plain number, score = a 0-100 score, text = a word shown as it is (the value is a string).
     * @enum {string}
     */
    MetricFormat: 'pct' | 'x' | 'money' | 'big_money' | 'int' | 'num' | 'score' | 'text';
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
      /** @description The instant asked about (ISO-8601, UTC). */
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
        /** @description A GICS sector name (case-insensitive). */
        sector?: string;
        /** @description Ticker or name search. */
        q?: string;
        min_score?: number;
        max_score?: number;
        sort?:
          | 'ticker'
          | 'name'
          | 'sector'
          | 'price'
          | 'change_pct'
          | 'market_cap'
          | 'pe'
          | 'dividend_yield'
          | 'score'
          | 'rank'
          | 'value'
          | 'quality'
          | 'growth'
          | 'momentum'
          | 'risk'
          | 'dividend';
        order?: 'asc' | 'desc';
        /**
         * @deprecated
         * @description Older name of `limit`, still accepted (give one of them).
         */
        size?: number;
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
