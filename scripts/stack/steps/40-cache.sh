# shellcheck shell=bash
# Steps 4a-4b: Redis answers, and a cached route answers faster the second time. Five list
# queries no one asked before, each twice: every first answer is a MISS, every second a HIT, and
# the HITs' median time is below the MISSes'. The answers sit in Redis (the shared tier) and
# /health names it.
redis_ping() { [ "$(dc exec -T redis redis-cli ping)" = PONG ] && echo "  redis-cli ping: PONG"; }
cache_hit() {
  set -e
  local n url out miss=() hit=() outcomes=''
  for n in 31 32 33 34 35; do
    url="$API/api/stocks?limit=$n&sort=score"
    out=$(curl -fsS -o /dev/null -w '%header{x-cache} %{time_total}' "$url")
    outcomes+="${out%% *} "
    miss+=("${out#* }")
    out=$(curl -fsS -o /dev/null -w '%header{x-cache} %{time_total}' "$url")
    outcomes+="${out%% *}, "
    hit+=("${out#* }")
  done
  local m h keys detail
  m=$(printf '%s\n' "${miss[@]}" | median)
  h=$(printf '%s\n' "${hit[@]}" | median)
  keys=$(dc exec -T redis redis-cli --scan --pattern 'vibeapp:*:stocks:list:*' | wc -l)
  detail=$(curl -fsS "$API/health" | json 'v.checks.cache.status + ", " + v.checks.cache.detail')
  echo "  X-Cache first/second: ${outcomes%, }"
  echo "  median first ${m}s, median second ${h}s; list keys in Redis: $keys; /health cache: $detail"
  [ "$outcomes" = "MISS HIT, MISS HIT, MISS HIT, MISS HIT, MISS HIT, " ]
  [ "$(echo "$h < $m" | bc)" = 1 ]
  [ "$keys" -ge 5 ]
  [[ "$detail" == "up, redis"* ]]
}
step "4a. redis-cli ping in the redis container" redis_ping
step "4b. [cache] a cached route answers faster the second time (X-Cache: HIT)" cache_hit
