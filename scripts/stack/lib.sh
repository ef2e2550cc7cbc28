# shellcheck shell=bash
# Sourced by scripts/test-stack.sh: the step runner, small helpers, this run's identity (its own
# compose project names, image tags and probe files) and the teardown that removes only what
# this run made.

# ---- this run's identity -------------------------------------------------------------------
# Every run has its own compose projects and image tags, so nothing a developer runs on the same
# engine (a `vibeapp` project, its volumes, `vibeapp-dev:local`) is ever touched.
RUN_ID=${STACK_RUN_ID:-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')}
PROJECT=vibeapp-stack-$RUN_ID
PROD_PROJECT=$PROJECT-prod
export COMPOSE_PROJECT_NAME=$PROJECT
export VIBEAPP_DEV_IMAGE=$PROJECT-dev:local # compose/dev.yml's app image (default vibeapp-dev:local)
export VIBEAPP_IMAGE=$PROJECT-prod:local    # compose/prod.yml's app image (default vibeapp:local)
# compose/dev.yml writes no Agendash password: the run makes its own for the monitoring step.
export AGENDASH_PASSWORD=${AGENDASH_PASSWORD:-stack-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')}
# compose/prod.yml has no default for any credential: the run makes its own for step 6 (and the
# production image build and the teardown, which read the same file). prod_compose runs compose
# on this run's production project with them.
PROD_POSTGRES_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
PROD_REDIS_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
prod_compose() {
  COMPOSE_FILE=compose/prod.yml:compose/ci-prod.yml COMPOSE_PROJECT_NAME=$PROD_PROJECT \
    POSTGRES_PASSWORD=$PROD_POSTGRES_PASSWORD REDIS_PASSWORD=$PROD_REDIS_PASSWORD docker compose "$@"
}
# Files the reload checks edit: made for this run inside the checkout (so the edits travel the
# same bind mount as a developer's saves), ignored by git (.gitignore: stack-probe-*/), removed
# on exit. No tracked file is ever written.
PROBE_DIR=stack-probe-$RUN_ID               # server side: loaded by the API and the worker
CLIENT_PROBE_DIR=client/stack-probe-$RUN_ID # client side: a page Vite serves with HMR
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/$PROJECT.XXXX") # the run's compose overlay, outside the checkout
STANDIN_RECORD=$RUN_DIR/standins-made        # stand-in images this run put into the engine
export STANDIN_RECORD
MADE_IMAGES=("$VIBEAPP_DEV_IMAGE" "$VIBEAPP_IMAGE")

declare -a RESULTS=()
FAILED=0

# ---- the step runner -------------------------------------------------------------------------
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

# ---- helpers ---------------------------------------------------------------------------------
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
# The container of one service of this run's dev project.
cid() { dc ps -a -q "$1" | head -1; }
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);console.log($1)})"; }
x_cache() { curl -fsS -o /dev/null -w '%header{x-cache}' "$1"; }
median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# Everything on the engine that carries one of this run's compose project labels.
project_leftovers() {
  local p kind
  for p in "$PROJECT" "$PROD_PROJECT"; do
    for kind in container volume network image; do
      case $kind in
        container) docker ps -aq --filter "label=com.docker.compose.project=$p" ;;
        image) docker image ls -aq --no-trunc --filter "label=com.docker.compose.project=$p" | sort -u ;;
        *) docker "$kind" ls -q --filter "label=com.docker.compose.project=$p" ;;
      esac | sed "s/^/$kind /"
    done
  done
}

# ---- probe files (the HMR, API reload and worker reload checks edit these) -------------------
# The API and the worker load the server probe through NODE_OPTIONS (this run's overlay only):
# it waits for tsx's loader, then imports probe-body.mjs through it, so tsx watch watches the
# body like any module the process imported; the body stamps an X-Stack-Probe header on every
# HTTP response. The client probe is a page with one Preact component, for Vite's HMR.
make_probes() {
  mkdir -p "$PROBE_DIR" "$CLIENT_PROBE_DIR"
  cat >"$PROBE_DIR/probe.mjs" <<'JS'
// Made by npm run test:stack for one run (removed after it). Only in the API and worker
// processes that tsx runs: load probe-body.mjs through tsx's loader, so tsx watch restarts
// the process when the body changes.
const at = process.execArgv.findIndex((a) => a === '--import' || a.startsWith('--import='));
const arg = at < 0 ? '' : process.execArgv[at].startsWith('--import=') ? process.execArgv[at].slice(9) : process.execArgv[at + 1];
if (arg.includes('/tsx/') && /src\/(main|worker)\.ts$/.test(process.argv[1] ?? '')) {
  await import(arg);
  await import(new URL('./probe-body.mjs', import.meta.url).href);
}
JS
  cat >"$PROBE_DIR/probe-body.mjs" <<'JS'
// Made by npm run test:stack for one run; the reload checks rewrite the mark below.
import http from 'node:http';
export const mark = 'probe-start';
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res, ...rest) {
  if (event === 'request') res.setHeader('x-stack-probe', mark);
  return emit.call(this, event, req, res, ...rest);
};
JS
  cat >"$CLIENT_PROBE_DIR/index.html" <<'HTML'
<!doctype html>
<html><head><meta charset="utf-8"><title>stack probe</title></head>
<body><div id="probe"></div><script type="module" src="./main.tsx"></script></body></html>
HTML
  cat >"$CLIENT_PROBE_DIR/main.tsx" <<'TSX'
import { render } from 'preact';
import { Probe } from './Probe';

render(<Probe />, document.getElementById('probe') as HTMLElement);
TSX
  cat >"$CLIENT_PROBE_DIR/Probe.tsx" <<'TSX'
export function Probe() {
  return <h1>Stack probe</h1>;
}
TSX
  # This run's overlay: the probe loaded by the API and the worker (the worker keeps the
  # NODE_OPTIONS compose/dev.yml gives it).
  local worker_opts
  worker_opts=$(node --input-type=module -e "
    import YAML from 'yaml'; import { readFileSync } from 'node:fs';
    const d = YAML.parse(readFileSync('compose/dev.yml', 'utf8'), { merge: true });
    console.log(d.services.worker.environment?.NODE_OPTIONS ?? '')")
  # The API's rate limit is raised above the fault step's load (46-faults.sh), which comes from
  # one address, the host; the limiter stays in the path.
  cat >"$RUN_DIR/probe.yml" <<YML
services:
  api:
    environment:
      NODE_OPTIONS: --import=/workspace/$PROBE_DIR/probe.mjs
      RATE_LIMIT_PER_MINUTE: "100000"
  worker:
    environment:
      NODE_OPTIONS: $worker_opts --import=/workspace/$PROBE_DIR/probe.mjs
YML
}
remove_probes() { rm -rf "$PROBE_DIR" "$CLIENT_PROBE_DIR"; }

# ---- teardown: only what this run made -------------------------------------------------------
# On any engine: this run's two compose projects (containers, networks, named and anonymous
# volumes), then anything still labelled with their names (images included), then the images it tagged
# ($PROJECT-dev:local, $PROJECT-prod:local) and the stand-in images it loaded. Only on the
# engine it started itself (nobody else's): prune stopped containers, unused volumes, networks and
# dangling images, and trim the build cache, then stop the engine and restore the host network.
teardown() {
  local rc=0 left img
  dc --profile '*' down -v --remove-orphans
  prod_compose down -v --remove-orphans
  # Images too: compose labels what it builds for a project, and the dev container CLI's
  # image for the workspace (vsc-<folder>-<hash>-uid) is built from this run's image.
  project_leftovers | grep -v '^image ' | while read -r kind id; do docker "$kind" rm -f "$id" >/dev/null 2>&1 || docker "$kind" rm "$id" >/dev/null; done
  local ids pass
  ids=$(project_leftovers | awk '$1 == "image" {print $2}')
  # shellcheck disable=SC2086
  [ -z "$ids" ] || echo "  removing $(wc -l <<<"$ids") image(s) labelled with this run's projects:" \
    "$(docker image inspect -f '{{join .RepoTags ","}}' $ids | grep . | sort -u | tr '\n' ' ')"
  for pass in 1 2 3; do # a child (the dev container CLI's image) goes before its parent
    ids=$(project_leftovers | awk '$1 == "image" {print $2}')
    [ -n "$ids" ] || break
    # shellcheck disable=SC2086
    docker image rm -f $ids >/dev/null 2>&1 || [ "$pass" -lt 3 ]
  done
  local made=("${MADE_IMAGES[@]}")
  # Stand-ins loaded into an engine that is not ours go again; our own engine keeps them.
  [ "$ENGINE_STARTED" = 1 ] || mapfile -t -O ${#made[@]} made < <(cat "$STANDIN_RECORD" 2>/dev/null)
  for img in "${made[@]}"; do
    docker image inspect "$img" >/dev/null 2>&1 && docker image rm "$img" >/dev/null && echo "  removed image $img"
  done
  left=$(project_leftovers)
  if [ -n "$left" ]; then
    echo "  left behind on the engine:"
    printf '    %s\n' "$left"
    rc=1
  else
    echo "  nothing labelled $PROJECT or $PROD_PROJECT is left on the engine"
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
    engine_down
  else
    echo "  the engine at $DOCKER_HOST was not started here: nothing else on it was touched, nothing pruned"
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
    echo "KEEP=1: the set ($PROJECT, overlay $RUN_DIR), the probe files and the engine are left running (DOCKER_HOST=$DOCKER_HOST)"
  elif [ -z "${TORN_DOWN:-}" ]; then
    TORN_DOWN=1
    step "7. teardown: this run's projects, volumes and images; engine stopped (if started here)" teardown
    remove_probes
    rm -rf "$RUN_DIR"
  fi
}
