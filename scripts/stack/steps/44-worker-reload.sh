# shellcheck shell=bash
# Step 4f. An edit to a module the worker process loaded (this run's probe body, imported
# through tsx by `npm run dev:worker`'s process: lib.sh, make_probes) restarts the worker: its
# newest node process changes. The edit rewrites the file in place, as editors that save in
# place do; the probe is not tracked by git.
worker_reload() {
  needs_scripts dev:worker || return 1
  set -e
  local body=$PROBE_DIR/probe-body.mjs pid1 pid2 i
  dc up -d --wait --pull never worker
  pid1=$(dc exec -T worker pgrep -n node)
  node -e "const fs=require('fs');const f='$body';fs.writeFileSync(f,fs.readFileSync(f,'utf8').replace(/mark = '[^']*'/,\"mark = 'worker-\" + Date.now() + \"'\"))"
  for i in $(seq 1 60); do
    pid2=$(dc exec -T worker pgrep -n node)
    [ "$pid2" != "$pid1" ] && break
    sleep 0.5
  done
  echo "  $body edited: worker process $pid1 -> $pid2"
  [ "$pid2" != "$pid1" ]
}
step "4f. [jobs] an edit to a module the worker loaded reloads the worker" worker_reload
