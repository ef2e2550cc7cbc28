#!/usr/bin/env bash
# `npm run test:scale`: deploys deploy/swarm/stack.yml with `docker stack deploy` on a one-node
# Docker Swarm in the private engine (scripts/stack/engine.sh) and proves, while a load generator
# (scripts/scale/load.mjs) sends GETs over several routes through the proxy's host port:
#
#   0a  a running engine ($DOCKER_HOST, refused when it is already in a swarm), or Debian's
#       docker.io started privately with a pull guard; a swarm of its own (127.0.0.1)
#   0b  base images (stand-ins, cached) and the production image under this run's tag
#   1   the stack deployed: 3 API replicas and 2 workers healthy, requests spread over every API
#       replica (the split read from each replica's own Prometheus /metrics)
#   2   a rolling update of the API (start-first): 0 failed requests
#   3   one API replica killed: at most the requests in flight fail; the replica is replaced
#   4   an invalidation run by one worker is seen by every API replica; each one-off job runs
#       exactly once across the two workers, each schedule is stored once; migrate ran once
#   5   the API scaled 3 -> 5 -> 2 under load: 0 failed requests
#   6   teardown: the stack, its volume, config and image removed, the swarm left; the engine
#       stopped and the host's network settings as before (when it was started here)
#
# Safe on your own engine (DOCKER_HOST) when it is not in a swarm: the run's stack
# (vibeapp-scale-<random>) and image tag are its own and removed with the swarm it made; it
# prunes nothing there. It writes no tracked file. Run by .ci/run after test:stack; about 4 min
# warm on two cores (stand-ins cached, the production image in the build cache). Env: STACK_CACHE
# (default /var/cache/vibeapp-stack), KEEP=1 (leave the stack, the swarm and the engine running),
# SCALE_RATE (requests per second, default 40), SCALE_CONCURRENCY (default 6).
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO" || exit 1
# shellcheck source=scripts/stack/engine.sh
source scripts/stack/engine.sh
# shellcheck source=scripts/scale/lib.sh
source scripts/scale/lib.sh
T0=$SECONDS
mkdir -p "$LOGS"
HOST_BEFORE=$(host_network_state)
echo "test:scale run $RUN_ID: stack $STACK, image $VIBEAPP_IMAGE, proxy on 127.0.0.1:$PROXY_PORT, logs in $LOGS"

trap on_exit EXIT
trap 'exit 130' INT TERM

# The later steps need the earlier ones; the teardown runs whatever happened.
if INLINE=1 step "0a. engine and a swarm of this run's own" engine_and_swarm &&
  step "0b. base images (stand-ins) and the production image" images &&
  step "1. deployed: 3 API replicas, 2 workers healthy; requests spread over every API replica" deployed_and_spread; then
  step "2. rolling update of the API (start-first) under load: 0 failed requests" rolling_update
  step "3. one API replica killed under load: only requests in flight fail; replaced" replica_killed
  step "4. invalidation seen by every replica; each job once across the workers; migrate once" once_everywhere
  step "5. the API scaled 3 -> 5 -> 2 under load: 0 failed requests" scaled
fi

on_exit
trap - EXIT
echo
echo "=== summary (logs in $LOGS)"
printf '%s\n' "${RESULTS[@]}"
passed=$(printf '%s\n' "${RESULTS[@]}" | grep -c '^PASS')
echo "scale: $passed passed, $FAILED failed, total $((SECONDS - T0)) s"
[ "$FAILED" = 0 ]
