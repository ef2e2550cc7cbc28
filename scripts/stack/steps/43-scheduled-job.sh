# shellcheck shell=bash
# Step 4e. A scheduled run at its configured time: the worker runs under libfaketime with its
# clock set ten seconds before the next trading day's post-close refresh (times from 41-refresh.sh),
# and the job status the API reports (/api/system/jobs) must show refresh-stock-data started at
# that time, succeeded, and its next run planned at the following session's open. (A run the
# worker catches up on at start is stamped before the due time, so it does not count.)
scheduled_job() {
  needs_scripts worker || return 1
  set -e
  [ -n "$NEXT_POSTCLOSE" ] || { echo "  could not compute the next session from the calendar"; return 1; }
  local fake=${FAKE_START/T/ } limit=$FAKE_LIMIT lib clock=$PROJECT-worker-clock
  lib=$(dc exec -T worker sh -c 'ls /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 2>/dev/null || true')
  [ -n "$lib" ] || { echo "  libfaketime is not in the dev image"; return 1; }
  dc stop worker
  dc run -d --name "$clock" --no-deps -e LD_PRELOAD="$lib" -e FAKETIME="@$fake" \
    -e FAKETIME_DONT_FAKE_MONOTONIC=1 -e FAKETIME_DONT_RESET=1 worker npm run worker
  local i job='' last='' status='' next='' ok=1
  for i in $(seq 1 90); do
    job=$(curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" "$API/api/system/jobs" |
      json 'v.items.filter(j => j.name === "refresh-stock-data").map(j => [j.last_run_at, j.last_status, j.next_run_at].join(" "))[0]')
    read -r last status next <<<"$job"
    if [[ ! "$last" < "$NEXT_POSTCLOSE" && "$last" < "$limit" && "$status" = succeeded ]]; then ok=0 && break; fi
    sleep 1
  done
  docker logs "$clock" 2>&1 | grep -E 'started|refreshed' | tail -3 || true
  docker rm -f "$clock" >/dev/null
  dc up -d --wait --pull never worker
  echo "  clock set to $fake UTC; refresh-stock-data due $NEXT_POSTCLOSE: last run $last ($status), next $next"
  echo "  scores computed at $(curl -fsS "$API/health" | json v.data.scores_computed_at)"
  [ "$ok" = 0 ] && [[ "$next" > "$limit" ]]
}
step "4e. [jobs] a scheduled job runs at its configured time (faked clock)" scheduled_job
