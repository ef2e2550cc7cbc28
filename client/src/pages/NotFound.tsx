import { useTitle } from '../lib/hooks.ts';

export default function NotFound() {
  useTitle('Page not found');
  return (
    <div class="page-head">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. Try the <a href="/">overview</a>, the{' '}
        <a href="/stocks">stocks table</a>, or press <kbd>/</kbd> to jump to a ticker.
      </p>
    </div>
  );
}
