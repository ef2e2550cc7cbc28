# shellcheck shell=bash
# shellcheck disable=SC2317 # the small predicates defined in steps are called through wait_for
# Sourced by scripts/test-scale.sh: this run's identity, the step runner (the same PASS/FAIL
# lines as test:stack's), helpers to reach the swarm's tasks, the load, the steps, and the
# teardown of exactly what the run made.

# ---- this run's identity ---------------------------------------------------------------------
RUN_ID=${SCALE_RUN_ID:-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')}
STACK=vibeapp-scale-$RUN_ID
export VIBEAPP_IMAGE=$STACK:local # deploy/swarm/stack.yml's app image
# The stack file has no default for a credential: the run makes its own.
POSTGRES_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
REDIS_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export POSTGRES_PASSWORD REDIS_PASSWORD
# All the load comes from one address (the host): the API's rate limit stays in the path, above it.
export RATE_LIMIT_PER_MINUTE=1000000
PROXY_PORT=${SCALE_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
export PROXY_PORT
PROXY=http://127.0.0.1:$PROXY_PORT
RATE=${SCALE_RATE:-40}
CONCURRENCY=${SCALE_CONCURRENCY:-6}
LOGS=${SCALE_LOGS:-$STACK_CACHE/logs/$STACK}
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/$STACK.XXXX") # the image build's compose file, outside the checkout
STANDIN_RECORD=$RUN_DIR/standins-made               # stand-in images this run put into the engine
export STANDIN_RECORD
MADE_SWARM=0   # 1 once `docker swarm init` succeeded here
GWBRIDGE_BEFORE=1

declare -a RESULTS=()
FAILED=0

# ---- the step runner -------------------------------------------------------------------------
now() { date +%s.%N; }
# step NAME COMMAND...: one named step in a subshell (INLINE=1: in this shell, for steps that
# export settings), PASS/FAIL with its time, its log kept.
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

# ---- the swarm's tasks -----------------------------------------------------------------------
svc() { echo "${STACK}_$1"; }
# "running/desired" of one service, e.g. 3/3.
replicas() { docker service ls --filter "name=$(svc "$1")" --format '{{.Name}} {{.Replicas}}' | awk -v n="$(svc "$1")" '$1 == n {print $2}'; }
# Running containers of one service (healthy ones only with a second argument).
containers() {
  local filter=(--filter "label=com.docker.swarm.service.name=$(svc "$1")")
  [ -n "${2:-}" ] && filter+=(--filter health=healthy)
  docker ps -q "${filter[@]}"
}
# The task's short name (api.2) of a container.
task_of() { docker inspect -f '{{index .Config.Labels "com.docker.swarm.task.name"}}' "$1" | sed -E "s/^${STACK}_//; s/\.[a-z0-9]+$//"; }
# wait_for SECONDS COMMAND...: until the command succeeds.
wait_for() {
  local limit=$1 t=$SECONDS
  shift
  until "$@"; do
    [ $((SECONDS - t)) -lt "$limit" ] || return 1
    sleep 1
  done
}
# N healthy tasks of a service, and the service agreeing (N/N).
healthy_count() { [ "$(containers "$1" healthy | wc -l)" = "$2" ] && [ "$(replicas "$1")" = "$2/$2" ]; }
# A script for node run inside a task's container (the production image has no curl).
in_task() {
  local cid=$1
  shift
  docker exec -i "$cid" node --input-type=module - "$@"
}
# This replica's count of /api requests, from its own /metrics (METRICS_PORT, on 127.0.0.1 in
# the container: never published).
api_requests() {
  in_task "$1" <<'JS'
const text = await (await fetch('http://127.0.0.1:9464/metrics')).text();
let n = 0;
for (const line of text.split('\n'))
  if (line.startsWith('vibeapp_http_requests_total{') && line.includes('route="/api')) n += Number(line.split(' ').pop());
console.log(n);
JS
}
# X-Cache and the stock's name as this replica answers /api/stocks/MSFT (on its own port).
stock_name() {
  in_task "$1" <<'JS'
const res = await fetch('http://127.0.0.1:8000/api/stocks/MSFT');
const body = await res.json();
console.log(`${res.headers.get('x-cache')}\t${body.data?.name ?? body.name}`);
JS
}
# The worker slot (worker.1, worker.2) of each log line matching TEXT, over every task of the
# service, replaced ones included (`docker service logs`), optionally since a time.
worker_runs() {
  timeout 30 docker service logs --no-task-ids ${2:+--since "$2"} "$(svc worker)" 2>&1 | grep -F -- "$1" |
    sed -E "s/^${STACK}_(worker\.[0-9]+)@.*/\1/"
}
# Containers of a service that have ended (exited), one id a line.
exited() { docker ps -aq --filter "label=com.docker.swarm.service.name=$(svc "$1")" --filter status=exited | sort; }
# Tasks of a service that ended since the deploy (not in $RUN_DIR/exited-SERVICE), and why;
# false when there is any.
replaced_tasks() {
  local cid rc=0
  for cid in $(comm -13 "$RUN_DIR/exited-$1" <(exited "$1")); do
    echo "  $(task_of "$cid") ended and was replaced: $(docker inspect -f 'exit {{.State.ExitCode}}, OOM killed {{.State.OOMKilled}}' "$cid")"
    timeout 10 docker logs --tail 3 "$cid" 2>&1 | cut -c1-300 | sed 's/^/    /'
    rc=1
  done
  return $rc
}
sql() {
  docker exec -e PGPASSWORD="$POSTGRES_PASSWORD" "$(containers db | head -1)" \
    psql -h 127.0.0.1 -U vibeapp -d vibeapp -v ON_ERROR_STOP=1 -qtAF '|' -c "$1"
}

# ---- the load --------------------------------------------------------------------------------
# load_start NAME: the generator in the background (every answer in $LOGS/NAME.jsonl); a
# moment of load before the change. load_stop NAME: stop it, print its figures, and set
# LOAD_FAILURES and LOAD_REQUESTS.
load_start() {
  # A bound of its own (--seconds), and stopped when the step's subshell ends however it ends.
  node scripts/scale/load.mjs --url "$PROXY" --rate "$RATE" --concurrency "$CONCURRENCY" --seconds 300 \
    --log "$LOGS/$1.jsonl" >"$LOGS/$1.json" &
  LOAD_PID=$!
  trap 'kill -TERM "$LOAD_PID" 2>/dev/null' EXIT
  sleep 3
}
load_stop() {
  kill -TERM "$LOAD_PID" 2>/dev/null
  wait "$LOAD_PID"
  local figures
  figures=$(cat "$LOGS/$1.json")
  LOAD_REQUESTS=$(json 'v.requests' <<<"$figures")
  LOAD_FAILURES=$(json 'v.failures' <<<"$figures")
  # shellcheck disable=SC2016 # a JavaScript template literal
  echo "  load: $(json '`${v.requests} requests, ${v.failures} failed, ${v.seconds} s (${v.rps}/s); statuses ${JSON.stringify(v.statuses)}` + (v.failures ? `; errors ${JSON.stringify(v.errors)}; first failure ${v.firstFailure}, last ${v.lastFailure}` : "")' <<<"$figures")"
}
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);console.log($1)})"; }

# ---- 0a: the engine and a swarm --------------------------------------------------------------
engine_and_swarm() {
  engine_up || return 1
  local state
  state=$(docker info -f '{{.Swarm.LocalNodeState}}')
  if [ "$state" != inactive ]; then
    if [ "$ENGINE_STARTED" = 1 ]; then
      # Our own engine's data root kept a swarm from an interrupted run: it was ours.
      echo "  the private engine came back in a swarm ($state) from an interrupted run: leaving it"
      docker swarm leave --force >/dev/null || return 1
    else
      echo "scale: the engine at $DOCKER_HOST is already in a swarm ($state); test:scale makes its own swarm and leaves it, so it does not run there"
      return 1
    fi
  fi
  docker network inspect docker_gwbridge >/dev/null 2>&1 || GWBRIDGE_BEFORE=0
  docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null || return 1
  MADE_SWARM=1
  # The node keeps the database (deploy/swarm/stack.yml's placement constraint).
  docker node update --label-add vibeapp.db=true "$(docker info -f '{{.Swarm.NodeID}}')" >/dev/null
  echo "  swarm of one node ($(docker info -f '{{.Swarm.NodeID}}')), advertised on 127.0.0.1; labelled vibeapp.db=true"
}

# ---- 0b: images ------------------------------------------------------------------------------
images() {
  set -e
  bash scripts/stack/standin-images.sh postgres:16-alpine redis:7-alpine node:22-bookworm-slim caddy:2.6-alpine
  # The production image under this run's tag, built with BuildKit through compose (the package
  # registry's CA as the build secret `ca`, as compose/ci-prod.yml gives it).
  compose_v2
  cat >"$RUN_DIR/build.yml" <<YML
services:
  app:
    image: $VIBEAPP_IMAGE
    pull_policy: never
    build:
      context: $REPO
      dockerfile: compose/Dockerfile
      target: production
      secrets: [ca]
secrets:
  ca:
    file: ${HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
YML
  local t=$SECONDS
  COMPOSE_ANSI=never docker compose -p "$STACK-build" -f "$RUN_DIR/build.yml" build --progress plain >"$LOGS/image-build.txt" 2>&1 ||
    { tail -30 "$LOGS/image-build.txt"; return 1; }
  echo "  production image $VIBEAPP_IMAGE: $((SECONDS - t)) s, $(docker image inspect -f '{{.Size}}' "$VIBEAPP_IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')"
}

# ---- 1: deployed, requests spread -------------------------------------------------------------
deployed_and_spread() {
  local t=$SECONDS detach=() s
  docker stack deploy --help 2>/dev/null | grep -q -- '--detach' && detach=(--detach=true)
  docker stack deploy --resolve-image never "${detach[@]}" -c deploy/swarm/stack.yml "$STACK" || return 1
  for s in db:1 redis:1 api:3 worker:2 proxy:1; do
    if ! wait_for 240 healthy_count "${s%:*}" "${s#*:}"; then
      echo "  ${s%:*}: $(replicas "${s%:*}") after $((SECONDS - t)) s"
      docker service ps --no-trunc "$(svc "${s%:*}")" | head -8
      timeout 20 docker service logs --tail 20 "$(svc "${s%:*}")" 2>&1 | tail -20
      return 1
    fi
  done
  # The API replicas start beside migrate (a stack has no start order): the load starts once
  # migrate has completed (with the sample data) and the proxy answers.
  migrated() { docker service ps --format '{{.CurrentState}}' "$(svc migrate)" | grep -q '^Complete'; }
  wait_for 180 migrated || { echo "  migrate did not complete: $(docker service ps --format '{{.CurrentState}} {{.Error}}' "$(svc migrate)" | head -3)"; return 1; }
  wait_for 60 curl -fsS -o /dev/null "$PROXY/readyz" || { echo "  the proxy does not answer on $PROXY"; return 1; }
  exited worker >"$RUN_DIR/exited-worker" # tasks that ended while the database was starting
  echo "  deployed in $((SECONDS - t)) s: $(docker service ls --filter "label=com.docker.stack.namespace=$STACK" --format '{{.Name}}={{.Replicas}}' | sed "s/${STACK}_//" | sort | tr '\n' ' ')"
  load_start spread
  sleep 17
  load_stop spread
  local cid n total=0 split=() zero=0
  for cid in $(containers api); do
    n=$(api_requests "$cid")
    split+=("$(task_of "$cid")=$n")
    total=$((total + n))
    [ "$n" -gt 0 ] || zero=1
  done
  echo "  split over the API replicas (each replica's /metrics, /api requests): ${split[*]} (sum $total; the load sent $LOAD_REQUESTS)"
  [ "$LOAD_FAILURES" = 0 ] && [ "$zero" = 0 ] && [ "${#split[@]}" = 3 ]
}

# ---- 2: rolling update -----------------------------------------------------------------------
rolling_update() {
  local before after t
  before=$(containers api | sort)
  load_start rolling
  t=$SECONDS
  docker service update --force --detach=false --quiet "$(svc api)" >/dev/null || return 1
  echo "  docker service update --force (start-first, one at a time): $((SECONDS - t)) s"
  sleep 3
  load_stop rolling
  after=$(containers api healthy | sort)
  echo "  replicas after: $(replicas api), $(comm -12 <(echo "$before") <(echo "$after") | grep -c . || true) of the old containers left"
  [ "$LOAD_FAILURES" = 0 ] && [ "$(replicas api)" = 3/3 ] && [ -z "$(comm -12 <(echo "$before") <(echo "$after"))" ]
}

# ---- 3: a replica killed ---------------------------------------------------------------------
replica_killed() {
  local victim t replaced
  victim=$(containers api | head -1)
  load_start killed
  t=$SECONDS
  local killed_at in_flight
  killed_at=$(date +%s%3N)
  docker kill "$victim" >/dev/null || return 1
  echo "  killed $(task_of "$victim") ($victim)"
  gone() { ! containers api | grep -q "$victim" && healthy_count api 3; }
  wait_for 90 gone && replaced=$((SECONDS - t))
  sleep 2
  load_stop killed
  [ -n "${replaced:-}" ] || { echo "  not replaced within 90 s: $(replicas api)"; return 1; }
  # Requests in flight (on any replica) when the kill was sent, from the load's own record.
  in_flight=$(node -e "
    const at = Number(process.argv[1]);
    const rows = require('fs').readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(JSON.parse);
    console.log(rows.filter((r) => Date.parse(r.at) <= at && Date.parse(r.at) + r.ms >= at).length);" "$killed_at" "$LOGS/killed.jsonl")
  echo "  replaced: 3/3 healthy $replaced s after the kill; $in_flight request(s) in flight on any replica at the kill; failed requests $LOAD_FAILURES (at most the $CONCURRENCY the load keeps in flight)"
  [ "$LOAD_FAILURES" -le "$CONCURRENCY" ]
}

# ---- 4: one invalidation everywhere, one run per job, one migrate -----------------------------
once_everywhere() {
  local rc=0 cid first old line new i n probes ran tasks
  local -A name_of=()
  local apis
  apis=$(containers api)
  first=$(head -1 <<<"$apis")
  # a) Every replica holds /api/stocks/MSFT in its cache; the name changes in the database
  #    behind it (no replica hears of that); one worker runs the invalidation; every replica
  #    answers the new name.
  for cid in $apis; do stock_name "$cid" >/dev/null; done
  old=$(sql "select name from stocks where ticker = 'MSFT'")
  new="$old [scale $RUN_ID]"
  sql "update stocks set name = '$new' where ticker = 'MSFT'"
  for cid in $apis; do
    line=$(stock_name "$cid")
    echo "  $(task_of "$cid") after the database change: X-Cache ${line%%$'\t'*}, name \"${line#*$'\t'}\""
    [ "$line" = "HIT"$'\t'"$old" ] || { echo "    expected the cached name"; rc=1; }
  done
  docker exec "$first" node /app/server/dist/cli/cache-invalidate.js 'stocks:*' --wait >/dev/null ||
    { echo "  cache:invalidate --wait in $(task_of "$first") failed (exit $?)"; return 1; }
  ran=$(sql "select last_modified_by from agenda_jobs where name = 'invalidate-cache' and data->>'pattern' = 'stocks:*' order by created_at desc limit 1")
  for cid in $(docker ps -aq --filter "label=com.docker.swarm.service.name=$(svc worker)"); do name_of[${cid:0:12}]=$(task_of "$cid"); done
  echo "  cache:invalidate 'stocks:*' --wait: run by ${name_of[$ran]:-$ran}"
  for cid in $apis; do
    line=$(stock_name "$cid")
    echo "  $(task_of "$cid") after the invalidation: X-Cache ${line%%$'\t'*}, name \"${line#*$'\t'}\""
    [ "${line#*$'\t'}" = "$new" ] || { echo "    expected the new name"; rc=1; }
  done
  # b) One-off job occurrences queued one after another (the CLI, one process each: in turn,
  #    inside the replica's memory limit), each picked up at once by both workers competing for
  #    it: each runs once, on one of the two (the job store's lock), counted in both workers' logs.
  n=6
  probes="scale:probe:$RUN_ID"
  docker exec "$first" sh -c "for i in \$(seq 1 $n); do node /app/server/dist/cli/cache-invalidate.js $probes:\$i >/dev/null || exit 1; done" ||
    { echo "  queueing with cache:invalidate in $(task_of "$first") failed (exit $?)"; return 1; }
  finished() { [ "$(sql "select count(*) from agenda_jobs where name = 'invalidate-cache' and data->>'pattern' like '$probes:%' and last_finished_at is not null")" = "$n" ]; }
  wait_for 60 finished || { echo "  not every occurrence ran within 60 s"; rc=1; }
  sleep 1
  local -A per_worker=()
  local once=0 count hits w
  for i in $(seq 1 "$n"); do
    hits=$(worker_runs "\"invalidated $probes:$i\"")
    count=$(grep -c . <<<"$hits" || true)
    for w in $hits; do per_worker[$w]=$((${per_worker[$w]:-0} + 1)); done
    [ "$count" = 1 ] && once=$((once + 1))
    [ "$count" = 1 ] || echo "  $probes:$i ran $count times ($(tr '\n' ' ' <<<"$hits"))"
  done
  tasks=""
  for w in "${!per_worker[@]}"; do tasks+="$w: ${per_worker[$w]}, "; done
  echo "  $n one-off invalidate-cache occurrences: $once ran exactly once (${tasks%, })"
  [ "$once" = "$n" ] || rc=1
  # c) Each schedule stored once, though both workers registered the schedules at start; the
  #    next scheduled occurrence of snapshot-daily-scores brought forward to now in the job
  #    store (what Agendash's "run now" does; its time of day is after the close) runs once.
  line=$(sql "select name || '=' || count(*) from agenda_jobs where type = 'single' group by name order by name" | tr '\n' ' ')
  echo "  schedules in the job store (rows per job): $line"
  if grep -qvE '=1$' <(tr ' ' '\n' <<<"$line" | grep .); then rc=1; fi
  local since
  since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  sleep 1
  sql "update agenda_jobs set next_run_at = now() where name = 'snapshot-daily-scores' and type = 'single'"
  snapped() { [ "$(sql "select count(*) from agenda_jobs where name = 'snapshot-daily-scores' and type = 'single' and last_finished_at > '$since'::timestamptz")" = 1 ]; }
  if wait_for 60 snapped; then
    sleep 1
    hits=$(worker_runs '"snapshot: ' "$since")
    count=$(grep -c . <<<"$hits" || true)
    echo "  the scheduled snapshot-daily-scores occurrence, due now: ran $count time(s) across the workers (on $(tr '\n' ' ' <<<"$hits")); next run $(sql "select to_char(next_run_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') from agenda_jobs where name = 'snapshot-daily-scores' and type = 'single'") UTC"
    [ "$count" = 1 ] || rc=1
  else
    echo "  the snapshot-daily-scores occurrence brought forward did not finish within 60 s"
    rc=1
  fi
  # d) migrate: one task, Complete; every migration once, in one batch.
  local states rows names batches
  # Earlier tasks may have failed while the database was starting (restart on failure).
  states=$(docker service ps "$(svc migrate)" --format '{{.CurrentState}}' | awk '{print $1}' | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')
  IFS='|' read -r rows names batches < <(sql "select count(*), count(distinct name), count(distinct batch) from knex_migrations")
  echo "  migrate tasks: ${states% }; knex_migrations: $rows rows, $names distinct migrations, $batches batch(es)"
  [[ " $states" == *" Complete=1 "* ]] && [ "$rows" = "$names" ] && [ "$batches" = 1 ] || rc=1
  # e) Both workers ran through all of it (none ended and was replaced).
  if replaced_tasks worker; then echo "  both workers kept running since the deploy"; else rc=1; fi
  return $rc
}

# ---- 5: scaled under load --------------------------------------------------------------------
scaled() {
  local t
  load_start scaled
  t=$SECONDS
  docker service scale --detach=false "$(svc api)=5" >/dev/null || return 1
  wait_for 60 healthy_count api 5 || return 1
  echo "  3 -> 5: $((SECONDS - t)) s ($(replicas api))"
  sleep 3
  t=$SECONDS
  docker service scale --detach=false "$(svc api)=2" >/dev/null || return 1
  wait_for 60 healthy_count api 2 || return 1
  echo "  5 -> 2: $((SECONDS - t)) s ($(replicas api))"
  sleep 3
  load_stop scaled
  [ "$LOAD_FAILURES" = 0 ]
}

# ---- 6: teardown: only what this run made ----------------------------------------------------
stack_leftovers() {
  docker ps -aq --filter "label=com.docker.stack.namespace=$STACK" | sed 's/^/container /'
  docker network ls -q --filter "label=com.docker.stack.namespace=$STACK" | sed 's/^/network /'
  docker volume ls -q --filter "label=com.docker.stack.namespace=$STACK" | sed 's/^/volume /'
}
teardown() {
  local rc=0 img left
  if [ "$MADE_SWARM" = 1 ]; then
    local service
    for service in $(docker service ls --filter "label=com.docker.stack.namespace=$STACK" --format '{{.Name}}'); do
      # Bounded: `docker service logs` can stay open after the last line (a killed task's log).
      timeout 20 docker service logs --no-task-ids --timestamps "$service" >"$LOGS/service-${service#"${STACK}"_}.log" 2>&1
    done
    docker stack rm "$STACK" >/dev/null
    no_containers() { [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$STACK")" ]; }
    wait_for 60 no_containers || echo "  containers of $STACK still there after 60 s"
    # The stack's volume (the database) outlives `stack rm`: it is this run's, it goes too.
    rm_volumes() { docker volume ls -q --filter "label=com.docker.stack.namespace=$STACK" | xargs -r docker volume rm >/dev/null 2>&1; [ -z "$(docker volume ls -q --filter "label=com.docker.stack.namespace=$STACK")" ]; }
    wait_for 30 rm_volumes || true
    docker swarm leave --force >/dev/null && echo "  stack $STACK removed, swarm left"
    MADE_SWARM=0
    if [ "$GWBRIDGE_BEFORE" = 0 ]; then docker network rm docker_gwbridge >/dev/null 2>&1 || true; fi
  fi
  local made=("$VIBEAPP_IMAGE")
  # Stand-ins loaded into an engine that is not ours go again; our own engine keeps them.
  [ "$ENGINE_STARTED" = 1 ] || mapfile -t -O 1 made < <(cat "$STANDIN_RECORD" 2>/dev/null)
  for img in "${made[@]}"; do
    docker image inspect "$img" >/dev/null 2>&1 && docker image rm "$img" >/dev/null && echo "  removed image $img"
  done
  left=$(stack_leftovers)
  if [ -n "$left" ]; then
    echo "  left behind on the engine:"
    printf '    %s\n' "$left"
    rc=1
  fi
  if [ "$(docker info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null)" = active ] && [ "$ENGINE_STARTED" = 1 ]; then
    echo "  the engine is still in a swarm"
    rc=1
  fi
  if [ "$ENGINE_STARTED" = 1 ]; then
    # Our own engine: keep the base images and build cache (the next run is warm).
    docker container prune -f >/dev/null
    docker volume prune -f >/dev/null
    docker network prune -f >/dev/null
    docker image prune -f >/dev/null
    docker builder prune -f --keep-storage 8GB >/dev/null 2>&1 || true
    if grep -iE 'pulling|proxyconnect|registry-1\.docker' "$STACK_RUN/dockerd.log" 2>/dev/null; then
      echo "the engine tried to reach a registry (see above)"
      rc=1
    fi
    local pid
    pid=$(cat "$STACK_RUN/docker.pid" 2>/dev/null)
    engine_down
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      echo "  the dockerd started here (pid $pid) is still running"
      rc=1
    else
      echo "  the dockerd started here${pid:+ (pid $pid)} is stopped"
    fi
  else
    echo "  the engine at ${DOCKER_HOST:-} was not started here: nothing else on it was touched, nothing pruned"
  fi
  local after
  after=$(host_network_state)
  echo "host network before: $HOST_BEFORE"
  echo "host network after:  $after"
  [ "$after" = "$HOST_BEFORE" ] || { echo "host network settings differ"; rc=1; }
  return $rc
}
on_exit() {
  if [ "${KEEP:-0}" = 1 ]; then
    echo "KEEP=1: the stack $STACK, the swarm and the engine are left running (DOCKER_HOST=${DOCKER_HOST:-})"
  elif [ -z "${TORN_DOWN:-}" ]; then
    TORN_DOWN=1
    step "6. teardown: stack, volume, image removed; swarm left; engine stopped and host as found" teardown
    rm -rf "$RUN_DIR"
  fi
}
