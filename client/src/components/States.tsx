/** Loading, empty and error states: every fetch shows one of these instead of a blank area. */
import type { ComponentChildren } from 'preact';
import { ApiError, ApiUnreachableError } from '../api/client.ts';
import type { ApiState } from '../lib/hooks.ts';
import './States.css';

export const UNREACHABLE_MESSAGE = 'Cannot reach the VibeApp API — retrying…';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state-empty">
      <p class="state-title">{title}</p>
      {children && <div class="state-body">{children}</div>}
    </div>
  );
}

export interface ErrorStateProps {
  error: unknown;
  /** Shown in front of the message: what failed ("Could not load the stocks"). */
  what?: string;
  onRetry?: () => void;
  /** For an unreachable API: failed attempts so far. */
  attempts?: number;
}

export function ErrorState({ error, what, onRetry, attempts }: ErrorStateProps) {
  if (error instanceof ApiUnreachableError) {
    return (
      <div class="state state-error state-offline" role="alert">
        <p class="state-title">{UNREACHABLE_MESSAGE}</p>
        <p class="state-body">
          The API server is not answering. This page will load by itself as soon as it is back
          {attempts ? ` (attempt ${attempts})` : ''}.
        </p>
        {onRetry && (
          <button type="button" class="btn" onClick={onRetry}>
            Retry now
          </button>
        )}
      </div>
    );
  }
  const notFound = error instanceof ApiError && error.status === 404;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="state state-error" role="alert">
      <p class="state-title">{notFound ? 'Not found' : (what ?? 'Something went wrong')}</p>
      <p class="state-body">{message}</p>
      {onRetry && !notFound && (
        <button type="button" class="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export interface AsyncViewProps<T> {
  state: ApiState<T>;
  /** What is loading, for the spinner and the error title ("stocks"). */
  label: string;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}

/** Render a fetch's data, or its loading, empty or error state. */
export function AsyncView<T>({ state, label, isEmpty, empty, children }: AsyncViewProps<T>) {
  const errorView = state.error !== undefined && (
    <ErrorState
      error={state.error}
      what={`Could not load ${label}`}
      onRetry={state.reload}
      attempts={state.attempts}
    />
  );
  if (state.data !== undefined) {
    const body =
      isEmpty?.(state.data) === true
        ? (empty ?? <EmptyState title={`No ${label} to show.`} />)
        : children(state.data);
    return (
      <>
        {errorView}
        <div class={state.loading ? 'is-refreshing' : undefined} aria-busy={state.loading}>
          {body}
        </div>
      </>
    );
  }
  if (errorView) return errorView;
  return <Loading label={`Loading ${label}…`} />;
}
