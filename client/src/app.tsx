/**
 * The app shell: routing (preact-iso; every page but the overview is a lazy chunk), the
 * header with the ticker jump box, and an error boundary so a broken page never blanks the app.
 */
import { Component, type ComponentChildren } from 'preact';
import { LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { Header } from './components/Header.tsx';
import { HealthProvider } from './components/HealthContext.tsx';
import NotFound from './pages/NotFound.tsx';
import Overview from './pages/Overview.tsx';

function PageLoadFailed() {
  return (
    <div class="state state-error" role="alert">
      <p class="state-title">This page could not be loaded.</p>
      <p class="state-body">The network may be down, or a new version of VibeApp was deployed.</p>
      <button type="button" class="btn" onClick={() => location.reload()}>
        Reload
      </button>
    </div>
  );
}

/** A lazy page whose chunk failing to download shows a message instead of hanging. */
// biome-ignore lint/suspicious/noExplicitAny: route components take the router's props.
function page(load: () => Promise<{ default: (props: any) => ComponentChildren }>) {
  return lazy(() => load().catch(() => ({ default: PageLoadFailed })));
}

const Stocks = page(() => import('./pages/Stocks.tsx'));
const StockDetail = page(() => import('./pages/StockDetail.tsx'));
const Leaderboard = page(() => import('./pages/Leaderboard.tsx'));
const Screener = page(() => import('./pages/Screener.tsx'));
const Status = page(() => import('./pages/Status.tsx'));
const Watchlist = page(() => import('./pages/Watchlist.tsx'));
const Backtest = page(() => import('./pages/Backtest.tsx'));
const Heatmap = page(() => import('./pages/Heatmap.tsx'));

interface BoundaryProps {
  path: string;
  children: ComponentChildren;
}

class PageErrorBoundary extends Component<BoundaryProps, { error: unknown; path: string | null }> {
  override state = { error: undefined as unknown, path: null as string | null };

  override componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ error, path: this.props.path });
  }

  override render() {
    const { error, path } = this.state;
    if (error !== undefined && path === this.props.path) {
      return (
        <div class="state state-error" role="alert">
          <p class="state-title">Something went wrong on this page.</p>
          <p class="state-body">{error instanceof Error ? error.message : String(error)}</p>
          <button type="button" class="btn" onClick={() => this.setState({ error: undefined, path: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}

function Shell() {
  const { path } = useLocation();
  const onRouteChange = () => {
    // Move focus to the new page (without scrolling) so keyboard and screen-reader users start there.
    const main = document.getElementById('main');
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  };
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <PageErrorBoundary path={path}>
          <Router onRouteChange={onRouteChange}>
            <Route path="/" component={Overview} />
            <Route path="/stocks" component={Stocks} />
            <Route path="/stocks/:ticker" component={StockDetail} />
            <Route path="/leaderboard" component={Leaderboard} />
            <Route path="/screener" component={Screener} />
            <Route path="/screener/:id" component={Screener} />
            <Route path="/backtest" component={Backtest} />
            <Route path="/map" component={Heatmap} />
            <Route path="/watchlist" component={Watchlist} />
            <Route path="/status" component={Status} />
            <Route default component={NotFound} />
          </Router>
        </PageErrorBoundary>
      </main>
      <footer class="site-footer">
        <p>
          VibeApp — open-source stock analysis. Scores are computed from public factor data and are not
          investment advice. <a href="/docs">API docs</a> · Press <kbd>/</kbd> to jump to a ticker.
        </p>
      </footer>
    </>
  );
}

/** Links under these paths belong to the API (docs, JSON): the browser loads them, not the router. */
const ROUTER_SCOPE = /^\/(?!(?:api|docs|health|openapi\.json)(?:[/?#]|$))/;

export function App() {
  return (
    <LocationProvider scope={ROUTER_SCOPE}>
      <HealthProvider>
        <Shell />
      </HealthProvider>
    </LocationProvider>
  );
}
