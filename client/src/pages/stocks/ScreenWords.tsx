/**
 * "A screen in words": a phrase becomes filter chips (lib/screen-words.ts, a deterministic
 * grammar; nothing leaves the browser), and the words it did not understand are listed.
 */
import { useState } from 'preact/hooks';
import { applyFilters } from '../../lib/screen-filters.ts';
import { parseScreenWords } from '../../lib/screen-words.ts';
import type { StocksViewState } from '../../lib/stocks-url.ts';
import { type Catalog, wordsCatalog } from './catalog.ts';

export function ScreenWords(props: {
  state: StocksViewState;
  catalog: Catalog | undefined;
  go: (next: StocksViewState) => void;
}) {
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: string; problems: string[] } | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!props.catalog || !text.trim()) return;
    const r = parseScreenWords(text, wordsCatalog(props.catalog));
    const problems = [
      ...(r.unknown.length > 0 ? [`Not understood: ${r.unknown.map((w) => `“${w}”`).join(', ')}.`] : []),
      ...r.notes,
    ];
    const ok =
      r.filters.length === 0
        ? 'No filter found in these words.'
        : `Added ${r.filters.length} filter${r.filters.length === 1 ? '' : 's'}.`;
    setMessage({ ok, problems });
    if (r.filters.length > 0) props.go(applyFilters(props.state, r.filters));
  };
  return (
    <form class="screen-words" onSubmit={submit} aria-label="A screen in words">
      <label for="screen-words-input">Describe a screen</label>
      <div class="screen-words-row">
        <input
          id="screen-words-input"
          type="text"
          value={text}
          placeholder="profitable tech with dividends over 2% and RSI under 40"
          aria-describedby="screen-words-help"
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="btn" disabled={!props.catalog}>
          Add filters
        </button>
      </div>
      <p id="screen-words-help" class="muted small">
        Metric names with over, under, at least, between…; % for percentages, B or M for money; sector names;
        words like profitable, cheap, large cap, oversold.
      </p>
      <div role="status" class="screen-words-result">
        {message && (
          <>
            <span>{message.ok}</span>
            {message.problems.map((p) => (
              <span key={p} class="words-problem">
                {' '}
                {p}
              </span>
            ))}
          </>
        )}
      </div>
    </form>
  );
}
