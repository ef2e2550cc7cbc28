# shellcheck shell=bash
# Step 4c. Times from the product's own calendar and schedule (market/calendar.ts,
# jobs/schedule.ts), so the checks hold whatever day they run: the next NYSE trading day after
# today, its 10:00 New York refresh instant and its post-close refresh instant (16:05, or 13:05
# on an early close). Also the faked clock's start for 4e (ten seconds before the post-close
# run) and the end of the window its scores must be stamped in.
read -r NEXT_DAY NEXT_INTRADAY NEXT_POSTCLOSE FAKE_START FAKE_LIMIT < <(node --import tsx --input-type=module -e "
  const { nextTradingDay } = await import('./server/src/market/calendar.ts');
  const { refreshSchedule } = await import('./server/src/jobs/schedule.ts');
  const day = nextTradingDay(new Date().toISOString().slice(0, 10));
  const runs = refreshSchedule.runsOn(day);
  const post = runs.at(-1).getTime();
  const iso = (ms) => new Date(ms).toISOString();
  console.log(day, runs[1].toISOString(), iso(post), iso(post - 10_000).slice(0, 19), iso(post + 90_000));" 2>/dev/null || true)
# On demand: `npm run refresh` in the worker container, with the quotes of an instant inside the
# next session (a refresh on a weekend evening would find nothing new). The API's cached answer
# for MSFT goes (HIT) and its next answer carries the new quote.
job_on_demand() {
  needs_scripts refresh || return 1
  set -e
  [ -n "$NEXT_INTRADAY" ] || { echo "  could not compute the next session from the calendar"; return 1; }
  local url="$API/api/stocks/MSFT" before after cached outcome
  curl -fsS -o /dev/null "$url"
  cached=$(x_cache "$url")
  before=$(curl -fsS "$url" | json 'v.quote.as_of + " " + v.quote.price')
  dc exec -T worker npm run --silent refresh -- --as-of "$NEXT_INTRADAY" 2>&1 | tail -1
  outcome=$(x_cache "$url")
  after=$(curl -fsS "$url" | json 'v.quote.as_of + " " + v.quote.price')
  echo "  MSFT quote (as of, price): $before ($cached) -> $after ($outcome), refreshed as of $NEXT_INTRADAY (next session $NEXT_DAY)"
  [ "$cached" = HIT ] && [ "$outcome" = MISS ] && [ "$before" != "$after" ]
}
step "4c. [jobs] npm run refresh on demand in the worker container; the API serves the new data" job_on_demand
