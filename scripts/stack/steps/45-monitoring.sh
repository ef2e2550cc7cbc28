# shellcheck shell=bash
# Steps 4g-4i: Agendash under the monitoring profile (401 without the password, 200 with it),
# everything so far ran with SENTRY_DSN empty, and Prometheus under the same profile.
monitoring() {
  needs_scripts agendash || return 1
  set -e
  dc --profile monitoring up -d --wait --pull never agendash
  local code anon
  anon=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$AGENDASH_PORT/")
  code=$(curl -sS -o /dev/null -w '%{http_code}' -u "${AGENDASH_USER:-admin}:$AGENDASH_PASSWORD" \
    "http://127.0.0.1:$AGENDASH_PORT/")
  echo "  Agendash on 127.0.0.1:$AGENDASH_PORT: HTTP $anon without credentials, $code with them"
  [ "$anon" = 401 ] && [ "$code" = 200 ]
}
# Prometheus under the same profile: its rules pass promtool (check and the unit tests in
# compose/prometheus/rules.test.yml, run inside the image), it is ready, both targets (the API's
# and the worker's GET /metrics on the compose network) are up, the rules are loaded, and it
# holds the API's request counter.
prometheus() {
  set -e
  local prom=http://127.0.0.1:$PROMETHEUS_PORT promtool=(docker compose --profile monitoring run --rm --no-deps -T
    --entrypoint promtool -w /etc/prometheus/vibeapp prometheus)
  "${promtool[@]}" check rules rules.yml
  "${promtool[@]}" test rules rules.test.yml
  "${promtool[@]}" check config prometheus.yml | grep -i success | head -1
  dc --profile monitoring up -d --wait --pull never prometheus
  echo "  $(docker compose exec -T prometheus prometheus --version 2>&1 | head -1) on 127.0.0.1:$PROMETHEUS_PORT: /-/ready $(curl -sS -o /dev/null -w '%{http_code}' "$prom/-/ready")"
  local i targets=''
  for i in $(seq 1 60); do
    targets=$(curl -fsS "$prom/api/v1/targets" |
      json 'v.data.activeTargets.map(t => t.labels.job + "=" + t.health).sort().join(" ")')
    [ "$targets" = "vibeapp-api=up vibeapp-worker=up" ] && break
    sleep 1
  done
  echo "  targets: $targets (after ${i} s)"
  [ "$targets" = "vibeapp-api=up vibeapp-worker=up" ]
  local rules
  rules=$(curl -fsS "$prom/api/v1/rules" |
    json 'v.data.groups.flatMap(g => g.rules.map(r => r.name + "(" + r.health + ")")).join(" ")')
  echo "  rules loaded: $rules"
  for i in VibeAppTargetDown VibeAppHighErrorRate VibeAppSlowRequests VibeAppJobFailures VibeAppFmpBudgetExhausted; do
    [[ "$rules" == *"$i("* ]] || { echo "  missing rule $i"; return 1; }
  done
  [[ "$rules" != *"(err)"* ]]
  local series
  series=$(curl -fsS "$prom/api/v1/query" --data-urlencode 'query=count by (process) (vibeapp_process_resident_memory_bytes) or count by (process) (vibeapp_http_requests_total)' |
    json 'v.data.result.map(r => r.metric.process).sort().join(" ")')
  echo "  series from processes: $series"
  [[ "$series" == *api* && "$series" == *worker* ]]
}
no_sentry() {
  set -e
  local v
  v=$(dc exec -T api sh -c 'printf %s "${SENTRY_DSN-unset}"')
  echo "  SENTRY_DSN in the api container: '${v}'"
  [ -z "$v" ] || [ "$v" = unset ]
  [ "$(curl -fsS "$API/health" | json v.status)" = healthy ]
}
step "4g. [jobs] --profile monitoring starts Agendash answering on 5555" monitoring
step "4h. everything above ran with SENTRY_DSN empty" no_sentry
step "4i. --profile monitoring: Prometheus ready, rules pass promtool, both /metrics targets up, rules loaded" prometheus
