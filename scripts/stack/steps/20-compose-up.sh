# shellcheck shell=bash
# Steps 2a-2b: the dev set comes up healthy, in the seed's start order: db and redis healthy ->
# setup ran to completion -> api and worker -> client once the API is healthy.
CORE=(db redis setup api worker client)

start_order() {
  local svc rc=0 id
  declare -A started finished
  for svc in "$@"; do
    id=$(cid "$svc")
    started[$svc]=$(docker inspect -f '{{.State.StartedAt}}' "$id")
    finished[$svc]=$(docker inspect -f '{{.State.FinishedAt}}' "$id")
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
  dc ps -a --format 'table {{.Name}}\t{{.Status}}'
  for svc in "${want[@]}"; do
    status=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}} {{.State.ExitCode}}' "$(cid "$svc")" 2>/dev/null)
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
