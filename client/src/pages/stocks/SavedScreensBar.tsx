/**
 * Saved screens: the current filters, sort and columns saved under a name (localStorage,
 * lib/saved-screens.ts), reopened by a link that is also the screen's shareable URL.
 */
import { useEffect, useState } from 'preact/hooks';
import { type SavedScreen, savedScreens } from '../../lib/saved-screens.ts';
import { type StocksViewState, stocksQueryString } from '../../lib/stocks-url.ts';

function useSavedScreens(): readonly SavedScreen[] {
  const store = savedScreens();
  const [items, setItems] = useState(store.list());
  useEffect(() => {
    setItems(store.list());
    return store.subscribe(setItems);
  }, [store]);
  return items;
}

export function SavedScreensBar(props: { state: StocksViewState }) {
  const items = useSavedScreens();
  const [name, setName] = useState('');
  const [said, setSaid] = useState('');
  const query = stocksQueryString({ ...props.state, page: 1 }).replace(/^\?/, '');
  const save = (e: Event) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) {
      setSaid('Give the screen a name first.');
      return;
    }
    const replaced = items.some((s) => s.name.toLowerCase() === n.toLowerCase());
    savedScreens().save(n, query);
    setSaid(replaced ? `Screen “${n}” updated.` : `Screen “${n}” saved.`);
    setName('');
  };
  // The screen's URL is the way to share it.
  const copyLink = async () => {
    const link = `${location.origin}/stocks${query ? `?${query}` : ''}`;
    try {
      await navigator.clipboard.writeText(link);
      setSaid('Link to this screen copied.');
    } catch {
      setSaid(`Copy this link: ${link}`);
    }
  };
  return (
    <section class="saved-screens" aria-labelledby="saved-h">
      <h2 id="saved-h" class="h-small">
        Saved screens
      </h2>
      <form class="save-form" onSubmit={save}>
        <label for="screen-name" class="visually-hidden">
          Name for this screen
        </label>
        <input
          id="screen-name"
          type="text"
          maxLength={60}
          placeholder="Name this screen"
          value={name}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="btn btn-small">
          Save screen
        </button>
        <button type="button" class="btn btn-small btn-quiet" onClick={copyLink}>
          Copy link
        </button>
        <span role="status" class="muted small">
          {said}
        </span>
      </form>
      {items.length > 0 ? (
        <ul class="saved-list">
          {items.map((s) => (
            <li key={s.name} class={`saved-item${s.query === query ? ' current' : ''}`}>
              <a
                href={`/stocks${s.query ? `?${s.query}` : ''}`}
                aria-current={s.query === query ? 'true' : undefined}
              >
                {s.name}
              </a>
              <button type="button" class="chip-remove" onClick={() => savedScreens().remove(s.name)}>
                <span aria-hidden="true">×</span>
                <span class="visually-hidden">Delete saved screen {s.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">None yet. A saved screen is a link: copy it to share the screen.</p>
      )}
    </section>
  );
}
