# shellcheck shell=bash
# Step 4d. A cached answer, then a change made by another process: the API's next answer is a
# MISS (its in-process tier heard of the invalidation through Redis), then a HIT again. With the
# worker: `npm run cache:invalidate -- 'stocks:*' --wait` queues the invalidate-cache job and
# waits for the worker to run it; without it: a data change (`npm run seed -- --reset`).
invalidation() {
  set -e
  local url="$API/api/stocks/MSFT" before after again how
  curl -fsS -o /dev/null "$url"
  before=$(x_cache "$url")
  if has_script cache:invalidate && has_script worker; then
    how="npm run cache:invalidate -- 'stocks:*' --wait (run by the worker)"
    dc exec -T api npm run --silent cache:invalidate -- 'stocks:*' --wait
  else
    how="npm run seed -- --reset in the api container (a data change in another process)"
    dc exec -T api npm run --silent seed -- --reset >/dev/null
  fi
  after=$(x_cache "$url")
  again=$(x_cache "$url")
  echo "  $how"
  echo "  X-Cache of /api/stocks/MSFT: $before before, $after after, then $again"
  [ "$before" = HIT ] && [ "$after" = MISS ] && [ "$again" = HIT ]
}
step "4d. [cache] an invalidation from another process is visible (X-Cache: HIT, MISS, HIT)" invalidation
