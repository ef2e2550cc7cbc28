/** The stocks table's pages: the range shown and links to the first, previous, next and last page. */
import { type StocksViewState, stocksQueryString } from '../../lib/stocks-url.ts';
import './Pagination.css';

export function Pagination({
  state,
  pages,
  total,
}: {
  state: StocksViewState;
  pages: number;
  total: number;
}) {
  const href = (page: number) => `/stocks${stocksQueryString({ ...state, page })}`;
  const first = total === 0 ? 0 : (state.page - 1) * state.size + 1;
  const last = Math.min(total, state.page * state.size);
  const link = (page: number, label: string, text: string, disabled: boolean) =>
    disabled ? (
      <span class="page-link disabled" aria-hidden="true">
        {text}
      </span>
    ) : (
      <a class="page-link" href={href(page)} aria-label={label}>
        {text}
      </a>
    );
  return (
    <nav class="pagination" aria-label="Pages">
      <p class="muted" aria-live="polite">
        {total === 0 ? 'No stocks' : `Showing ${first}–${last} of ${total} stocks`}
      </p>
      <div class="page-links">
        {link(1, 'First page', '«', state.page <= 1)}
        {link(state.page - 1, 'Previous page', '‹ Prev', state.page <= 1)}
        <span class="page-current" aria-current="page">
          Page {Math.min(state.page, Math.max(pages, 1))} of {Math.max(pages, 1)}
        </span>
        {link(state.page + 1, 'Next page', 'Next ›', state.page >= pages)}
        {link(pages, 'Last page', '»', state.page >= pages)}
      </div>
    </nav>
  );
}
