# shellcheck shell=bash
# Step 6: the production set (compose/prod.yml with this run's image): the proxy, a one-shot
# migrate, two API replicas, two workers, PostgreSQL and Redis, started as a user would
# (`up -d --wait`, nothing pulled). Its settings are README's: compose/prod.env.example copied
# and its two passwords filled in (this run's own, lib.sh); compose reads that file for every
# command here (COMPOSE_ENV_FILES). The run's PROD_PORT, VIBEAPP_IMAGE and ADMIN_TOKEN, exported
# by scripts/test-stack.sh, take precedence over the file's, as a shell's variables do.
production() {
  set -e
  export COMPOSE_FILE=compose/prod.yml:compose/ci-prod.yml COMPOSE_PROJECT_NAME=$PROD_PROJECT
  export COMPOSE_ENV_FILES=$RUN_DIR/prod.env
  (umask 077 && sed -e "s/^POSTGRES_PASSWORD=\$/POSTGRES_PASSWORD=$PROD_POSTGRES_PASSWORD/" \
    -e "s/^REDIS_PASSWORD=\$/REDIS_PASSWORD=$PROD_REDIS_PASSWORD/" compose/prod.env.example >"$COMPOSE_ENV_FILES")
  grep -qx "POSTGRES_PASSWORD=$PROD_POSTGRES_PASSWORD" "$COMPOSE_ENV_FILES"
  grep -qx "REDIS_PASSWORD=$PROD_REDIS_PASSWORD" "$COMPOSE_ENV_FILES"
  unset POSTGRES_PASSWORD REDIS_PASSWORD SEED_SAMPLE_DATA API_REPLICAS WORKER_REPLICAS SITE_ADDRESS
  local base=http://127.0.0.1:$PROD_PORT ua=vibeapp-stack-$RUN_ID t=$SECONDS sent=$RUN_DIR/prod-requests
  # Every request through the proxy carries this run's user agent (the access log is searched
  # for it) and is counted (a line in a file: get also runs in command substitutions).
  : >"$sent"
  get() {
    echo >>"$sent"
    curl -fsS -A "$ua" "$@"
  }
  ts() { date -d "$1" +%s.%N; }
  docker compose up -d --wait --pull never
  echo "  up -d --wait --pull never: $((SECONDS - t)) s"
  docker compose ps -a --format 'table {{.Service}}\t{{.Name}}\t{{.Status}}'

  # ---- the set: who runs, healthy, migrate once before the rest ------------------------------
  local svc want n c bad=0
  for svc in proxy:1 api:2 worker:2 db:1 redis:1; do
    want=${svc#*:} svc=${svc%:*}
    n=$(docker compose ps -q "$svc" | grep -c . || true)
    [ "$n" = "$want" ] || { echo "  $svc: $n running, expected $want"; bad=1; }
    for c in $(docker compose ps -q "$svc"); do
      [ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$c")" = healthy ] ||
        { echo "  $svc $c is not healthy"; bad=1; }
    done
  done
  [ "$bad" = 0 ]
  echo "  running and healthy: proxy 1, api 2, worker 2, db 1, redis 1"
  local migrate status code restarts finished
  migrate=$(docker compose ps -a -q migrate)
  [ "$(grep -c . <<<"$migrate")" = 1 ]
  read -r status code restarts finished <<<"$(docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}} {{.State.FinishedAt}}' "$migrate")"
  [ "$status" = exited ] && [ "$code" = 0 ] && [ "$restarts" = 0 ]
  for c in $(docker compose ps -q api worker); do
    awk -v a="$(ts "$finished")" -v b="$(ts "$(docker inspect -f '{{.State.StartedAt}}' "$c")")" 'BEGIN { exit !(b > a) }' ||
      { echo "  $c started before migrate finished"; return 1; }
  done
  echo "  migrate: one container, exited 0, never restarted, finished before every api and worker started:"
  docker logs "$migrate" 2>&1 | tail -3 | cut -c1-160 | sed 's/^/    /'

  # ---- hardening: read-only root filesystems, non-root, production ----------------------------
  # Never `docker ... | head`: under pipefail a docker CLI cut off by head fails the step (255).
  local apis=() api1 ro
  mapfile -t apis < <(docker compose ps -q api)
  api1=${apis[0]}
  for c in $(docker compose ps -a -q proxy migrate api worker); do
    ro=$(docker inspect -f '{{.Name}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}}' "$c")
    [[ "$ro" == *" true [ALL]" ]] || { echo "  not read-only or capabilities kept: $ro"; return 1; }
  done
  docker exec "$api1" sh -c 'touch /app/stack-probe' 2>/dev/null && { echo "  wrote into the API's root filesystem"; return 1; }
  docker exec "$api1" sh -c 'touch /tmp/stack-probe && rm /tmp/stack-probe'
  [ "$(docker exec "$api1" id -u)" != 0 ]
  [ "$(docker exec "$api1" printenv NODE_ENV)" = production ]
  echo "  proxy, migrate, api x2, worker x2: read-only root filesystem (a write to /app fails, /tmp works), capabilities dropped;" \
    "app user $(docker exec "$api1" id -un) ($(docker exec "$api1" id -u)), NODE_ENV=production"

  # ---- through the proxy: the page, assets, source maps, SPA fallback, API, compression -------
  local page asset cc map code health enc
  page=$(get "$base/")
  grep -qi '<!doctype html' <<<"$page"
  [[ "$page" =~ (/assets/[^\"]+\.js) ]]
  asset=${BASH_REMATCH[1]}
  cc=$(get -o /dev/null -w '%header{cache-control}' "$base$asset")
  echo "  $asset: Cache-Control: $cc"
  [[ "$cc" == *immutable* ]]
  map=$(docker exec "$api1" sh -c 'cd /app/client/dist && ls assets/*.map 2>/dev/null | head -1')
  [ -n "$map" ] || map=${asset#/}.map
  echo >>"$sent"
  code=$(curl -sS -A "$ua" -o /dev/null -w '%{http_code}' "$base/$map")
  echo "  /$map (in the image: $(docker exec "$api1" test -f "/app/client/dist/$map" && echo yes || echo no)): HTTP $code"
  [ "$code" = 404 ]
  page=$(get "$base/stocks/MSFT")
  grep -qi '<!doctype html' <<<"$page"
  health=$(get "$base/health" | json 'v.status + ", " + v.data.stocks + " stocks, " + v.checks.database.detail + ", cache: " + v.checks.cache.detail')
  echo "  /health: $health"
  [[ "$health" == "healthy, "*", pg, cache: redis"* ]]
  [[ "$health" != "healthy, 0 stocks"* ]]
  echo "  /api/stocks: $(get "$base/api/stocks?limit=3" | json 'JSON.stringify(v).slice(0, 100)')"
  enc=$(get -o /dev/null -H 'Accept-Encoding: gzip' -w '%header{content-encoding} %{size_download}' "$base$asset")
  echo "  $asset with Accept-Encoding gzip: Content-Encoding ${enc% *}, ${enc##* } bytes on the wire"
  [[ "$enc" == gzip* ]]
  enc=$(get -o /dev/null -H 'Accept-Encoding: gzip' -w '%header{content-encoding} %{size_download}' "$base/api/stocks?limit=50")
  echo "  /api/stocks?limit=50 with Accept-Encoding gzip: Content-Encoding ${enc% *}, ${enc##* } bytes on the wire"
  [[ "$enc" == gzip* ]]
  echo "  port $PROD_PORT (the proxy, the only published port) serves the page, $asset, the SPA fallback and the API"

  # ---- requests spread over both API replicas (each one's own /metrics, never published) ------
  local before=() after=() i split=() d
  api_count() {
    docker exec "$1" node -e "fetch('http://127.0.0.1:9464/metrics').then((r) => r.text()).then((t) => {
      let n = 0;
      for (const l of t.split('\n'))
        if (l.startsWith('vibeapp_http_requests_total{') && l.includes('route=\"/api/stocks\"')) n += Number(l.split(' ').pop());
      console.log(n);
    })"
  }
  for c in "${apis[@]}"; do before+=("$(api_count "$c")"); done
  for i in $(seq 40); do get -o /dev/null "$base/api/stocks?limit=1"; done
  for c in "${apis[@]}"; do after+=("$(api_count "$c")"); done
  for i in "${!apis[@]}"; do
    d=$((after[i] - before[i]))
    split+=("$(docker inspect -f '{{.Name}}' "${apis[i]}" | tr -d /): $d")
    [ "$d" -gt 0 ] || bad=1
  done
  echo "  40 requests to /api/stocks through the proxy, per replica (its /metrics): ${split[*]}"
  [ "$bad" = 0 ]

  # ---- TRUST_PROXY behind Caddy: a client cannot pick its own address ------------------------
  # Caddy replaces X-Forwarded-For with the client's address, so a forged one does not open a
  # fresh rate-limit bucket: the count (shared by the replicas in Redis) goes on.
  local r1 r2
  r1=$(get -o /dev/null -w '%header{ratelimit-remaining}' "$base/api/stocks?limit=1")
  r2=$(get -o /dev/null -H 'X-Forwarded-For: 203.0.113.9' -w '%header{ratelimit-remaining}' "$base/api/stocks?limit=1")
  echo "  RateLimit-Remaining: $r1, then $r2 with a forged X-Forwarded-For (the proxy replaced it: same client, same count)"
  [ -n "$r1" ] && [ "$r2" -lt "$r1" ]

  # ---- the proxy's JSON access log --------------------------------------------------------------
  local logged=0 requests proxy
  requests=$(wc -l <"$sent")
  proxy=$(docker compose ps -q proxy)
  for i in $(seq 20); do
    logged=$(docker logs "$proxy" 2>&1 | grep -F "\"$ua\"" | grep -c '"status"' || true)
    [ "$logged" -ge "$requests" ] && break
    sleep 0.25
  done
  echo "  the proxy's access log (JSON on stdout): $logged lines with this run's user agent, $requests requests sent; the last:"
  docker logs "$proxy" 2>&1 | grep -F "\"$ua\"" | tail -1 |
    json '"    " + JSON.stringify({ logger: v.logger, method: v.request.method, uri: v.request.uri, status: v.status, ms: Math.round(v.duration * 1000), size: v.size })'
  [ "$logged" -ge "$requests" ]

  # ---- both workers heartbeating --------------------------------------------------------------
  local beat
  for c in $(docker compose ps -q worker); do
    beat=$(docker exec "$c" vibeapp worker-health)
    echo "  $(docker inspect -f '{{.Name}}' "$c" | tr -d /) (vibeapp worker-health): $beat"
  done

  # ---- Redis and PostgreSQL credentials -------------------------------------------------------
  local anon authed
  anon=$(docker compose exec -T redis redis-cli ping 2>&1 || true)
  authed=$(docker compose exec -T -e REDISCLI_AUTH="$PROD_REDIS_PASSWORD" redis redis-cli ping)
  echo "  redis-cli ping without the password: ${anon%%$'\n'*}; with it: $authed"
  [[ "$anon" == *NOAUTH* ]] && [ "$authed" = PONG ]
  docker compose exec -T -e PGPASSWORD=vibeapp db psql -h db -U vibeapp -d vibeapp -c 'select 1' >/dev/null 2>&1 &&
    { echo "  PostgreSQL accepted the old default password"; return 1; }
  echo "  PostgreSQL refuses the old default password 'vibeapp' (password authentication over the compose network)"

  # ---- the image: size, cold start (container start -> /readyz 200) ----------------------------
  # A fresh container of the image with api's settings, on the set's network (not behind the
  # proxy: no `api` alias), its port published on 127.0.0.1 for the probe only.
  local net envf cold hostport t0 ms
  net=$(docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "$api1")
  envf=$RUN_DIR/coldstart.env
  (umask 077 && docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$api1" | grep . >"$envf")
  cold=$(docker create --label "com.docker.compose.project=$PROD_PROJECT" --network "$net" --env-file "$envf" \
    --init --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges -p 127.0.0.1::8000 "$VIBEAPP_IMAGE" api)
  rm -f "$envf"
  t0=$(now)
  docker start "$cold" >/dev/null
  hostport=$(docker port "$cold" 8000/tcp)
  hostport=${hostport%%$'\n'*}
  for i in $(seq 1200); do
    curl -fsS -o /dev/null "http://$hostport/readyz" 2>/dev/null && break
    sleep 0.05
  done
  ms=$(echo "($(now) - $t0) * 1000 / 1" | bc)
  code=$(curl -sS -o /dev/null -w '%{http_code}' "http://$hostport/readyz")
  docker rm -f "$cold" >/dev/null
  [ "$code" = 200 ]
  echo "  image $VIBEAPP_IMAGE: $(docker image inspect -f '{{.Size}}' "$VIBEAPP_IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}');" \
    "cold start (docker start -> /readyz 200, read-only, against the set's PostgreSQL and Redis): $ms ms"
  docker compose down -v
  rm -f "$COMPOSE_ENV_FILES"
}
if [ "${STACK_SKIP_PRODUCTION:-0}" != 1 ]; then
  step "6. production set: proxy, migrate once, 2 API replicas, 2 workers, PostgreSQL and Redis" production
fi
