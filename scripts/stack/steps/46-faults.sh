# shellcheck shell=bash
# Steps 4j-4k, the compose-level faults (the process-level ones are npm run test:faults):
# - 4j: `docker compose restart db` under a steady load on seven API routes (db-restart.mjs):
#   api and worker are not restarted and stay healthy with no manual step, answers are 200 or
#   503 database_unavailable while the database is away, every route answers 200 within 5 s of
#   its return. The load comes from one address (the host): this run's overlay raises the API's
#   rate limit above it (lib.sh, make_probes).
# - 4k: the main process of api, worker and client SIGKILLed (the child of the container's init,
#   as a crash would end it): each container is brought back by its restart policy
#   (unless-stopped) and is healthy again; the time from the kill to healthy is printed.
db_restart() {
  API=$API ADMIN_TOKEN=$ADMIN_TOKEN node --import tsx scripts/stack/db-restart.mjs
}

# kill_main SERVICE: SIGKILL the container's main process (PID 1 is docker-init, `init: true`;
# its child is the service's command), then wait until Docker has restarted the container and
# its healthcheck passes. Prints what was killed, the exit Docker recorded and the times.
kill_main() {
  local svc=$1 id init child what restarts t0 t_up="" t_healthy="" state i exit_code since r status health
  id=$(cid "$svc")
  restarts=$(docker inspect -f '{{.RestartCount}}' "$id")
  init=$(docker inspect -f '{{.State.Pid}}' "$id")
  child=$(ps -o pid= --ppid "$init" | head -1 | tr -d ' ')
  [ -n "$child" ] || { echo "  $svc: no main process under the init (pid $init)"; return 1; }
  what=$(ps -o args= -p "$child" | cut -c1-70)
  since=$(date +%s)
  t0=$(now)
  kill -KILL "$child"
  for i in $(seq 1 600); do
    state=$(docker inspect -f '{{.RestartCount}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")
    read -r r status health <<<"$state"
    if [ "$r" -gt "$restarts" ] && [ "$status" = running ]; then
      [ -n "$t_up" ] || t_up=$(now)
      if [ "$health" = healthy ]; then
        t_healthy=$(now)
        break
      fi
    fi
    sleep 0.25
  done
  exit_code=$(docker events --since "$since" --until "$(date +%s)" --filter "container=$id" --filter event=die \
    --format '{{index .Actor.Attributes "exitCode"}}' | head -1)
  printf '  %-6s killed pid %s (%s): exit %s, restarted by its policy (%s, restarts %s -> %s) %s s after the kill, healthy %s s after it\n' \
    "$svc" "$child" "$what" "${exit_code:-?}" "$(docker inspect -f '{{.HostConfig.RestartPolicy.Name}}' "$id")" \
    "$restarts" "$r" "$([ -n "$t_up" ] && printf '%.1f' "$(echo "$t_up - $t0" | bc)" || echo never)" \
    "$([ -n "$t_healthy" ] && printf '%.1f' "$(echo "$t_healthy - $t0" | bc)" || echo never)"
  [ -n "$t_healthy" ]
}
kill_restart() {
  local rc=0 svc
  for svc in api worker client; do kill_main "$svc" || rc=1; done
  # Still the same containers, all healthy, and the page and the API answer through the client.
  ps_healthy db redis api worker client || rc=1
  curl -fsS -o /dev/null "$CLIENT/" && curl -fsS -o /dev/null "$CLIENT/health" || rc=1
  echo "  after the kills: client page and /health through the client's proxy answer 200"
  return $rc
}
step "4j. docker compose restart db under load: api and worker not restarted, healthy, every route 200 within 5 s" db_restart
step "4k. api, worker, client main process SIGKILLed: each back by restart: unless-stopped, healthy" kill_restart
