#!/usr/bin/env bash
# `npm run test:stack`: proves the compose set, the dev container and the production image in
# a real Docker engine, on a Debian 12 machine with root and no container registry.
#
#   0  engine and images   a running engine ($DOCKER_HOST), or Debian's docker.io started
#                          privately with a pull guard; compose v2; the base images (stand-ins
#                          built from Debian packages, cached as tarballs in $STACK_CACHE);
#                          the dev and production images
#   1  static checks       compose's own parser, the JSON schemas, cross-checks
#   2  compose up          every service healthy, in the seed's start order
#   3  first checklist     browser on the client, /health, /docs, HMR, API reload, down/up keeps data
#   4  Phase 6 checklist   redis, jobs on demand and on schedule, cache HIT and invalidation,
#                          worker reload, Agendash under the monitoring profile, no SENTRY_DSN
#   5  dev container       devcontainer up + exec: the server test suite inside `workspace`
#   6  production          the production image with PostgreSQL and Redis, one port
#   7  teardown            down -v, the engine stopped (if started here), host network restored
#
# Steps marked [jobs] or [cache] use the worker (npm scripts worker, dev:worker, worker:health,
# agendash, refresh, cache:invalidate) and the Redis cache (X-Cache headers); a missing script
# fails its step and says so. Run by .ci/run after npm run check. About 8 min warm.
# Env: STACK_CACHE (default /var/cache/vibeapp-stack), KEEP=1 (leave the set and engine running),
#      STACK_SKIP_DEVCONTAINER=1 / STACK_SKIP_PRODUCTION=1 (skip steps 5 / 6).
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
# shellcheck source=scripts/stack/engine.sh
source scripts/stack/engine.sh
LOGS=${STACK_LOGS:-$STACK_CACHE/logs}
mkdir -p "$LOGS"
T0=$SECONDS
declare -a RESULTS=()
FAILED=0

now() { date +%s.%N; }
# step NAME COMMAND...: runs one named step in a subshell (INLINE=1: in this shell, for steps
# that export settings), prints PASS/FAIL and its time, keeps its log.
step() {
  local name=$1 started rc secs log
  shift
  log="$LOGS/$(echo "$name" | cut -d' ' -f1 | tr -c 'A-Za-z0-9\n' '_')log"
  printf '\n=== %s\n' "$name"
  started=$(now)
  if [ "${INLINE:-0}" = 1 ]; then
    "$@" >"$log" 2>&1
    rc=$?
    cat "$log"
  else
    ("$@") 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
  fi
  secs=$(printf '%.1f' "$(echo "$(now) - $started" | bc)")
  if [ "$rc" = 0 ]; then
    RESULTS+=("$(printf 'PASS  %7s s  %s' "$secs" "$name")")
  else
    RESULTS+=("$(printf 'FAIL  %7s s  %s' "$secs" "$name")")
    FAILED=$((FAILED + 1))
    printf -- '--- %s failed (exit %s); log: %s\n' "$name" "$rc" "$log"
  fi
  return "$rc"
}

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
has_script() { node -e "process.exit(require('./package.json').scripts?.['$1'] ? 0 : 1)"; }
needs_scripts() {
  local s missing=()
  for s in "$@"; do has_script "$s" || missing+=("$s"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "  not yet possible: npm script(s) ${missing[*]} missing (the worker's part of the product)"
    return 1
  fi
}
dc() { docker compose "$@"; }
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);console.log($1)})"; }

# ---- the set's environment: free host ports, bound to 127.0.0.1 -------------------------------
export COMPOSE_FILE=compose/dev.yml:compose/ci.yml
export COMPOSE_ANSI=never # plain progress and logs in the step logs
export COMPOSE_PROJECT_NAME=vibeapp
for v in API_PORT CLIENT_PORT DB_PORT REDIS_PORT AGENDASH_PORT API_INSPECT_PORT WORKER_INSPECT_PORT PROD_PORT; do
  export "$v=$(free_port)"
done
export SENTRY_DSN= FMP_API_KEY=
export USER_UID=1000 USER_GID=1000
API=http://127.0.0.1:$API_PORT
CLIENT=http://127.0.0.1:$CLIENT_PORT
HOST_BEFORE=$(host_network_state)

teardown() {
  dc --profile '*' down -v --remove-orphans
  COMPOSE_FILE=compose/prod.yml:compose/ci-prod.yml COMPOSE_PROJECT_NAME=vibeapp-prod docker compose down -v --remove-orphans
  # Keep images and build cache (the next run is warm); drop everything else.
  docker container prune -f >/dev/null
  docker volume prune -f >/dev/null
  docker network prune -f >/dev/null
  docker image prune -f >/dev/null
  docker builder prune -f --keep-storage 8GB >/dev/null 2>&1 || true
  if grep -iE 'pulling|proxyconnect|registry-1\.docker' "$STACK_RUN/dockerd.log" 2>/dev/null; then
    echo "the engine tried to reach a registry (see above)"
    return 1
  fi
  engine_down
  local after
  after=$(host_network_state)
  echo "host network before: $HOST_BEFORE"
  echo "host network after:  $after"
  [ "$after" = "$HOST_BEFORE" ] || { echo "host network settings differ"; return 1; }
}
on_exit() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo "KEEP=1: the set and the engine are left running (DOCKER_HOST=$DOCKER_HOST)"
  elif [ -z "${TORN_DOWN:-}" ]; then
    TORN_DOWN=1
    step "7. teardown: down -v, engine stopped, host network restored" teardown
  fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# ---- 0 ---------------------------------------------------------------------------------------
images() {
  set -e
  bash scripts/stack/standin-images.sh
  local t=$SECONDS
  dc build setup
  echo "  dev image: $((SECONDS - t)) s"
  if [ "${STACK_SKIP_PRODUCTION:-0}" != 1 ]; then
    t=$SECONDS
    COMPOSE_FILE=compose/prod.yml:compose/ci-prod.yml COMPOSE_PROJECT_NAME=vibeapp-prod docker compose build app
    echo "  production image: $((SECONDS - t)) s"
  fi
  docker images --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' | grep -v '<none>'
}
engine() {
  engine_up && compose_v2 && docker compose version
}
INLINE=1 step "0a. engine (private dockerd, pulls blocked, egress limited)" engine || exit 1
step "0b. images (stand-ins from cache or Debian packages; dev and production builds)" images || exit 1

# ---- 1 ---------------------------------------------------------------------------------------
static() {
  local rc=0 f
  for f in compose/dev.yml compose/dev.yml:compose/ci.yml compose/prod.yml:compose/ci-prod.yml; do
    if COMPOSE_FILE=$f DOCKER_HOST=unix:///nonexistent docker compose --profile '*' config -q; then
      echo "  ok    docker compose config -q ($f, no engine needed)"
    else
      echo "  FAIL  docker compose config -q ($f)"
      rc=1
    fi
  done
  node --import tsx scripts/stack/static-checks.mjs || rc=1
  return $rc
}
step "1. static: compose config, JSON schemas, scripts/env/ports cross-checks" static

# ---- 2 ---------------------------------------------------------------------------------------
# Start order, as the seed's startup sequence: db and redis healthy -> setup ran to completion ->
# api and worker -> client once the API is healthy.
start_order() {
  local svc rc=0
  declare -A started finished
  for svc in "$@"; do
    started[$svc]=$(docker inspect -f '{{.State.StartedAt}}' "vibeapp-$svc-1")
    finished[$svc]=$(docker inspect -f '{{.State.FinishedAt}}' "vibeapp-$svc-1")
  done
  after() { # after A B: A started after B started (or finished, for setup)
    local a=${started[$1]:-} b=$2
    [ -n "$a" ] && [ -n "$b" ] || return 0
    if [[ "$a" < "$b" ]]; then
      echo "  out of order: $1 started $a, before $3 $b"
      rc=1
    fi
  }
  after setup "${started[db]}" "db started"
  after setup "${started[redis]}" "redis started"
  for svc in api worker client; do after "$svc" "${finished[setup]}" "setup finished"; done
  after client "${started[api]}" "api started"
  return $rc
}
ps_healthy() {
  local want=("$@") svc status rc=0
  dc ps -a --format 'table {{.Service}}\t{{.Status}}'
  for svc in "${want[@]}"; do
    status=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}} {{.State.ExitCode}}' "vibeapp-$svc-1" 2>/dev/null)
    case "$svc:$status" in
      setup:"exited  0") ;;
      *:"running healthy "*) ;;
      *)
        echo "  $svc is not healthy: $status"
        rc=1
        ;;
    esac
  done
  return $rc
}
CORE=(db redis setup api worker client)
up_core() {
  dc up -d --wait --pull never "${CORE[@]}" && ps_healthy "${CORE[@]}" && start_order "${CORE[@]}"
}
worker_health() {
  needs_scripts worker worker:health || return 1
  set -e
  dc exec -T worker npm run --silent worker:health
  ps_healthy worker
}
step "2a. compose up --wait --pull never: db, redis, setup, api, worker, client healthy in start order" up_core
step "2b. [jobs] the worker reports itself healthy (npm run worker:health)" worker_health

# ---- 3 ---------------------------------------------------------------------------------------
browser() { node scripts/stack/browser-checks.mjs "$CLIENT" "$API"; }
persistence() {
  set -e
  local before after
  before=$(curl -fsS "$API/health" | json 'v.data.scores_computed_at + " " + v.data.stocks')
  dc --profile '*' down
  dc up -d --wait --pull never "${CORE[@]}"
  after=$(curl -fsS "$API/health" | json 'v.data.scores_computed_at + " " + v.data.stocks')
  echo "  scores computed at / stocks before down: $before; after up: $after"
  # The second setup found the data and left it alone (its log lines: post-create's and the
  # pino lines of the setup process).
  local setup_log
  setup_log=$(dc logs --no-log-prefix setup)
  grep -E 'post-create:|\(setup\):' <<<"$setup_log" | tail -3 || true
  grep -q 'already holds' <<<"$setup_log" || { echo "  setup did not report the data kept"; return 1; }
  [ "$before" = "$after" ]
}
step "3a. browser: client page via proxy, /health, /docs, HMR edit, API reload edit" browser
step "3b. down then up keeps the data (no re-seed)" persistence

# ---- 4 ---------------------------------------------------------------------------------------
redis_ping() { [ "$(dc exec -T redis redis-cli ping)" = PONG ] && echo "  redis-cli ping: PONG"; }
x_cache() { curl -fsS -o /dev/null -w '%header{x-cache}' "$1"; }
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# Five list queries no one asked before, each twice: every first answer is a MISS, every second a
# HIT, and the HITs' median time is below the MISSes'. The answers sit in Redis (the shared tier)
# and /health names it.
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
# Times from the product's own calendar and schedule (market/calendar.ts, jobs/schedule.ts), so
# the checks hold whatever day they run: the next NYSE trading day after today, its 10:00 New
# York refresh instant and its post-close refresh instant (16:05, or 13:05 on an early close).
# Also the faked clock's start (ten seconds before the post-close run) and the end of the window
# its scores must be stamped in.
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
  echo "  MSFT quote (as of, price): $before ($cached) -> $after ($outcome), refreshed as of $NEXT_INTRADAY"
  [ "$cached" = HIT ] && [ "$outcome" = MISS ] && [ "$before" != "$after" ]
}
# A cached answer, then a change made by another process: the API's next answer is a MISS (its
# in-process tier heard of the invalidation through Redis), then a HIT again. With the worker:
# `npm run cache:invalidate -- 'stocks:*' --wait` queues the invalidate-cache job and waits
# for the worker to run it; without it: a data change (`npm run seed -- --reset`).
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
# A scheduled run at its configured time: the worker runs under libfaketime with its clock set ten
# seconds before the next trading day's post-close refresh, and the job status the API reports
# (/api/system/jobs) must show refresh-stock-data started at that time, succeeded, and its next
# run planned at the following session's open. (A run the worker catches up on at start is
# stamped before the due time, so it does not count.)
scheduled_job() {
  needs_scripts worker || return 1
  set -e
  [ -n "$NEXT_POSTCLOSE" ] || { echo "  could not compute the next session from the calendar"; return 1; }
  local fake=${FAKE_START/T/ } limit=$FAKE_LIMIT lib
  lib=$(dc exec -T worker sh -c 'ls /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 2>/dev/null || true')
  [ -n "$lib" ] || { echo "  libfaketime is not in the dev image"; return 1; }
  dc stop worker
  dc run -d --name vibeapp-worker-clock --no-deps -e LD_PRELOAD="$lib" -e FAKETIME="@$fake" \
    -e FAKETIME_DONT_FAKE_MONOTONIC=1 -e FAKETIME_DONT_RESET=1 worker npm run worker
  local i job='' last='' status='' next='' ok=1
  for i in $(seq 1 90); do
    job=$(curl -fsS "$API/api/system/jobs" |
      json 'v.items.filter(j => j.name === "refresh-stock-data").map(j => [j.last_run_at, j.last_status, j.next_run_at].join(" "))[0]')
    read -r last status next <<<"$job"
    if [[ ! "$last" < "$NEXT_POSTCLOSE" && "$last" < "$limit" && "$status" = succeeded ]]; then ok=0 && break; fi
    sleep 1
  done
  docker logs vibeapp-worker-clock 2>&1 | grep -E 'started|refreshed' | tail -3 || true
  docker rm -f vibeapp-worker-clock >/dev/null
  dc up -d --wait --pull never worker
  echo "  clock set to $fake UTC; refresh-stock-data due $NEXT_POSTCLOSE: last run $last ($status), next $next"
  echo "  scores computed at $(curl -fsS "$API/health" | json v.data.scores_computed_at)"
  [ "$ok" = 0 ] && [[ "$next" > "$limit" ]]
}
worker_reload() {
  needs_scripts dev:worker || return 1
  set -e
  local entry pid1 pid2 i
  entry=$(node -e "
    const r=require('./package.json').scripts['dev:worker'];const m=/-w (\w+)/.exec(r);
    const ws=m?m[1]:'';const s=ws?require('./'+ws+'/package.json').scripts.dev:r;
    const s2=ws?(require('./'+ws+'/package.json').scripts['dev:worker']||''):r;
    const f=/([\w./-]+\.ts)/.exec(s2)||/([\w./-]+\.ts)/.exec(r);console.log(f?(ws?ws+'/':'')+f[1]:'')")
  [ -n "$entry" ] && [ -f "$entry" ] || { echo "  cannot find the worker's entry file from npm run dev:worker"; return 1; }
  dc up -d --wait --pull never worker
  pid1=$(dc exec -T worker pgrep -n node)
  printf '\n// reload %s\n' "$(date +%s)" >>"$entry"
  for i in $(seq 1 60); do
    pid2=$(dc exec -T worker pgrep -n node)
    [ "$pid2" != "$pid1" ] && break
    sleep 0.5
  done
  # put the file back, in place
  node -e "const fs=require('fs');const f='$entry';fs.writeFileSync(f,fs.readFileSync(f,'utf8').replace(/\n\/\/ reload \d+\n\$/,''))"
  echo "  $entry edited: worker process $pid1 -> $pid2"
  [ "$pid2" != "$pid1" ]
}
monitoring() {
  needs_scripts agendash || return 1
  set -e
  dc --profile monitoring up -d --wait --pull never agendash
  local code anon
  anon=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$AGENDASH_PORT/")
  code=$(curl -sS -o /dev/null -w '%{http_code}' -u "${AGENDASH_USER:-admin}:${AGENDASH_PASSWORD:-vibeapp}" \
    "http://127.0.0.1:$AGENDASH_PORT/")
  echo "  Agendash on 127.0.0.1:$AGENDASH_PORT: HTTP $anon without credentials, $code with them"
  [ "$anon" = 401 ] && [ "$code" = 200 ]
}
no_sentry() {
  set -e
  local v
  v=$(dc exec -T api sh -c 'printf %s "${SENTRY_DSN-unset}"')
  echo "  SENTRY_DSN in the api container: '${v}'"
  [ -z "$v" ] || [ "$v" = unset ]
  [ "$(curl -fsS "$API/health" | json v.status)" = healthy ]
}
step "4a. redis-cli ping in the redis container" redis_ping
step "4b. [cache] a cached route answers faster the second time (X-Cache: HIT)" cache_hit
step "4c. [jobs] npm run refresh on demand in the worker container; the API serves the new data" job_on_demand
step "4d. [cache] an invalidation from another process is visible (X-Cache: HIT, MISS, HIT)" invalidation
step "4e. [jobs] a scheduled job runs at its configured time (faked clock)" scheduled_job
step "4f. [jobs] an edit to a worker file reloads the worker" worker_reload
step "4g. [jobs] --profile monitoring starts Agendash answering on 5555" monitoring
step "4h. everything above ran with SENTRY_DSN empty" no_sentry

# ---- 5 ---------------------------------------------------------------------------------------
DEVCONTAINER=$REPO/node_modules/.bin/devcontainer
devcontainer_up() {
  set -e
  # The CLI fetches a control manifest from the internet unless its cached copy is fresh.
  local cm
  cm=/tmp/devcontainercli-$(id -un)/control-manifest.json
  mkdir -p "$(dirname "$cm")"
  [ -s "$cm" ] || echo '{"disallowedFeatures":[],"featureAdvisories":[]}' >"$cm"
  touch -d '2099-01-01' "$cm"
  (unset COMPOSE_FILE COMPOSE_PROJECT_NAME; "$DEVCONTAINER" up --workspace-folder "$REPO" --docker-path docker --log-level info) \
    >"$LOGS/devcontainer-up.log" 2>&1 || {
    tail -40 "$LOGS/devcontainer-up.log"
    return 1
  }
  tail -1 "$LOGS/devcontainer-up.log"
  grep -E 'post-create:|\(setup\):' "$LOGS/devcontainer-up.log" | tail -4 || true
}
devcontainer_exec() {
  # The container user is uid 1000 (the dev container CLI matches it to the host user, except
  # root). Run as root on a root-owned checkout (CI), give that user the data folder a
  # developer's own checkout would give it.
  local made_data=0
  if [ "$(id -u)" = 0 ] && [ "$(stat -c %u "$REPO")" != 1000 ] && [ ! -e "$REPO/data" ]; then
    install -d -o 1000 -g 1000 "$REPO/data"
    made_data=1
  fi
  local rc=0
  (
    unset COMPOSE_FILE COMPOSE_PROJECT_NAME
    "$DEVCONTAINER" exec --workspace-folder "$REPO" --docker-path docker bash -lc '
      set -eo pipefail
      echo "  in $(hostname) as $(id -un): $(node --version), $(psql --version | cut -d" " -f1-3), $(redis-cli --version | cut -d" " -f1-2)"
      test "$(redis-cli -h redis ping)" = PONG
      psql -Atc "select count(*) || '"' stocks in db'"' from stocks"
      cd server
      TEST_DATABASE_URL=postgres://$PGUSER:$PGPASSWORD@db:5432/$PGDATABASE TEST_REDIS_URL=redis://redis:6379/15 npx mocha 2>&1 | sed -n "/ passing (/,\$p" | head -80'
  ) || rc=1
  [ "$made_data" = 1 ] && rm -rf "$REPO/data"
  return "$rc"
}
if [ "${STACK_SKIP_DEVCONTAINER:-0}" != 1 ]; then
  step "5a. devcontainer up: attaches to workspace, runs the lifecycle commands" devcontainer_up &&
    step "5b. devcontainer exec: server tests inside workspace against db and redis by name" devcontainer_exec
fi

# ---- 6 ---------------------------------------------------------------------------------------
production() {
  set -e
  export COMPOSE_FILE=compose/prod.yml:compose/ci-prod.yml COMPOSE_PROJECT_NAME=vibeapp-prod
  docker compose up -d --wait --pull never
  local base=http://127.0.0.1:$PROD_PORT asset
  docker compose ps --format 'table {{.Service}}\t{{.Status}}'
  echo "  user: $(docker compose exec -T app id -un) ($(docker compose exec -T app id -u)), NODE_ENV=$(docker compose exec -T app printenv NODE_ENV)"
  [ "$(docker compose exec -T app id -u)" != 0 ]
  [ "$(docker compose exec -T app printenv NODE_ENV)" = production ]
  curl -fsS "$base/" | grep -q '<div id="app"' || curl -fsS "$base/" | grep -qi '<!doctype html'
  asset=$(curl -fsS "$base/" | grep -oE '/assets/[^"]+\.js' | head -1)
  curl -fsS -o /dev/null -D - "$base$asset" | tr -d '\r' | grep -i '^cache-control' | head -1
  curl -fsS "$base/stocks/MSFT" | grep -qi '<!doctype html'
  local health
  health=$(curl -fsS "$base/health" | json 'v.status + ", " + v.data.stocks + " stocks, " + v.checks.database.detail + ", cache: " + v.checks.cache.detail')
  echo "  /health: $health"
  [[ "$health" == "healthy, "*", pg, cache: redis"* ]]
  echo "  /api/stocks: $(curl -fsS "$base/api/stocks?limit=3" | json 'JSON.stringify(v).slice(0, 100)')"
  echo "  one port ($PROD_PORT) serves the page, $asset, the SPA fallback and the API"
  docker compose down -v
}
if [ "${STACK_SKIP_PRODUCTION:-0}" != 1 ]; then
  step "6. production image: built client + API on one port, with PostgreSQL and Redis" production
fi

# ---- 7 and summary ---------------------------------------------------------------------------
if [ "${KEEP:-0}" != 1 ]; then
  TORN_DOWN=1
  step "7. teardown: down -v, engine stopped, host network restored" teardown
fi
trap - EXIT
echo
echo "=== summary (logs in $LOGS)"
printf '%s\n' "${RESULTS[@]}"
passed=$(printf '%s\n' "${RESULTS[@]}" | grep -c '^PASS')
echo "stack: $passed passed, $FAILED failed, total $((SECONDS - T0)) s"
[ "$FAILED" = 0 ]
