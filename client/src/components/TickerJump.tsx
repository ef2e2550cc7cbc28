/**
 * The ticker jump box: `/` focuses it from anywhere; typing shows suggestions from
 * /api/stocks?q=, arrows pick one, Enter opens the stock's page (or the typed ticker).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/client.ts';
import type { StockListItem } from '../api/types.ts';
import { useDebounced } from '../lib/hooks.ts';
import { normalizeTicker } from '../lib/watchlist.ts';
import './TickerJump.css';

/** Whether a key event happened while typing in a field (so `/` must not steal focus). */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || !(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

export function TickerJump() {
  const { route } = useLocation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [items, setItems] = useState<StockListItem[]>([]);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const query = useDebounced(text.trim(), 150);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingTarget(e.target)) {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!query) {
      setItems([]);
      setStatus('idle');
      return;
    }
    const controller = new AbortController();
    setStatus('loading');
    api.stocks({ q: query, size: 8, sort: 'market_cap', order: 'desc' }, controller.signal).then(
      (page) => {
        setItems(page.items);
        setActive(page.items.length ? 0 : -1);
        setStatus('idle');
      },
      (err: unknown) => {
        if ((err as Error)?.name === 'AbortError') return;
        setItems([]);
        setStatus('error');
      },
    );
    return () => controller.abort();
  }, [query]);

  const go = (ticker: string) => {
    const t = normalizeTicker(ticker);
    if (!t) return;
    setOpen(false);
    setText('');
    setItems([]);
    inputRef.current?.blur();
    route(`/stocks/${encodeURIComponent(t)}`);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (items.length ? (i + 1) % items.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (items.length ? (i - 1 + items.length) % items.length : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const typed = text.trim().toUpperCase();
      // An exact ticker wins over the highlighted suggestion; otherwise the highlighted one.
      const exact = items.find((s) => s.ticker.toUpperCase() === typed);
      const pick = exact ?? (open && active >= 0 && query === text.trim() ? items[active] : undefined);
      go(pick ? pick.ticker : typed);
    } else if (e.key === 'Escape') {
      if (open && text) setOpen(false);
      else inputRef.current?.blur();
    }
  };

  const showList = open && text.trim() !== '';
  const listId = 'ticker-jump-list';
  return (
    <search class="jump">
      <label for="ticker-jump" class="visually-hidden">
        Jump to a ticker
      </label>
      <input
        ref={inputRef}
        id="ticker-jump"
        type="text"
        enterKeyHint="go"
        autocomplete="off"
        spellcheck={false}
        placeholder="Jump to ticker…  ( / )"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-keyshortcuts="/"
        aria-activedescendant={showList && active >= 0 && items[active] ? `jump-opt-${active}` : undefined}
        value={text}
        onInput={(e) => {
          setText((e.currentTarget as HTMLInputElement).value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <span class="jump-key" aria-hidden="true">
        /
      </span>
      {showList && (
        // The WAI-ARIA combobox pattern: focus stays in the input, aria-activedescendant points at the option.
        <div id={listId} role="listbox" class="jump-list" aria-label="Matching stocks">
          {items.map((s, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users pick with the arrows and Enter in the combobox.
            <div
              key={s.ticker}
              id={`jump-opt-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              class={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(s.ticker)}
            >
              <strong>{s.ticker}</strong> <span class="muted">{s.name}</span>
            </div>
          ))}
          {items.length === 0 && (
            <div class="jump-note">
              {status === 'loading'
                ? 'Searching…'
                : status === 'error'
                  ? 'Search unavailable — press Enter to open the ticker'
                  : query === text.trim()
                    ? 'No match — press Enter to try the ticker'
                    : 'Searching…'}
            </div>
          )}
        </div>
      )}
    </search>
  );
}
