#!/usr/bin/env bash
# `npm run test:stack`: proves the compose set, the dev container and the production image in
# a real Docker engine, on a Debian 12 machine with root and no container registry. Each step
# is one file in scripts/stack/steps/, sourced here in order; scripts/stack/lib.sh holds the step
# runner, this run's identity and the teardown; scripts/stack/engine.sh the engine.
#
#   00-engine        0a  a running engine ($DOCKER_HOST), or Debian's docker.io started privately
#                        with a pull guard; compose v2
#   01-images        0b  base images (stand-ins from Debian packages, cached as tarballs in $STACK_CACHE)
#                    0c  the dev image, COLD (--no-cache) on a private engine, against NFR-01 (< 5 min)
#                    0d  the production image
#   10-static        1   compose's own parser (compose.yaml too), JSON schemas, cross-checks
#   20-compose-up    2   every service healthy, in the seed's start order; worker:health
#   30-browser       3   browser on the client, /health, /docs, HMR, API reload, down/up keeps data
#   40..45           4   redis, cache HIT, refresh on demand, invalidation, scheduled job (faked
#                        clock), worker reload, Agendash under the monitoring profile, no SENTRY_DSN,
#                        Prometheus under the monitoring profile (promtool, targets up, rules loaded)
#   46-faults        4   `docker compose restart db` under load (api/worker not restarted, healthy,
#                        every route 200 within 5 s); api, worker, client SIGKILLed and back healthy
#   50-devcontainer  5   devcontainer up + exec: the server test suite inside `workspace`
#   60-production    6   the production set (compose/prod.yml): proxy, migrate once, 2 API replicas
#                        (requests split), 2 workers, PostgreSQL and Redis (passwords required);
#                        read-only containers, caching, no source maps, compression, access log,
#                        the image's size and cold start
#   70-teardown      7   what this run made removed; the engine stopped and the host restored (if started here)
#
# Safe on your own engine (DOCKER_HOST set): each run uses its own compose projects
# (vibeapp-stack-<random> and ...-prod) and image tags (vibeapp-stack-<random>-dev:local,
# ...-prod:local), and removes exactly those, their volumes and networks, and the stand-in images
# it loaded; it prunes nothing there and never touches a `vibeapp` project or its volumes. It
# writes no tracked file: the reload checks edit probe files made for the run (stack-probe-<random>/,
# client/stack-probe-<random>/, ignored by git), removed on exit.
#
# Steps marked [jobs] or [cache] use the worker and the Redis cache; a missing npm script fails
# its step and says so. Run by .ci/run after npm run check. About 7 min on two idle cores with the
# stand-ins cached (about 2 of them the cold dev image build). Env: STACK_CACHE (default /var/cache/vibeapp-stack), KEEP=1 (leave the set
# and engine running), STACK_COLD_BUILD=0 (let the dev image use the build cache),
# STACK_SKIP_DEVCONTAINER=1 / STACK_SKIP_PRODUCTION=1 (skip steps 5 / 6).
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO" || exit 1
# shellcheck source=scripts/stack/engine.sh
source scripts/stack/engine.sh
# shellcheck source=scripts/stack/lib.sh
source scripts/stack/lib.sh
T0=$SECONDS
LOGS=${STACK_LOGS:-$STACK_CACHE/logs/$PROJECT}
mkdir -p "$LOGS"
find "$STACK_CACHE/logs" -mindepth 1 -maxdepth 1 -mtime +7 -exec rm -rf {} + 2>/dev/null || true

# ---- the set's environment: free host ports, bound to 127.0.0.1 -------------------------------
make_probes
export COMPOSE_FILE=compose/dev.yml:compose/ci.yml:$RUN_DIR/probe.yml
export COMPOSE_ANSI=never # plain progress and logs in the step logs
for v in API_PORT CLIENT_PORT DB_PORT REDIS_PORT AGENDASH_PORT PROMETHEUS_PORT API_INSPECT_PORT WORKER_INSPECT_PORT PROD_PORT; do
  export "$v=$(free_port)"
done
export SENTRY_DSN="" FMP_API_KEY=""
# This run's admin token (compose passes ADMIN_TOKEN through): steps read /api/system/jobs with it.
ADMIN_TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
export ADMIN_TOKEN
export USER_UID=1000 USER_GID=1000
# shellcheck disable=SC2034 # read by the step files
API=http://127.0.0.1:$API_PORT CLIENT=http://127.0.0.1:$CLIENT_PORT
HOST_BEFORE=$(host_network_state)
echo "test:stack run $RUN_ID: compose projects $PROJECT and $PROD_PROJECT, logs in $LOGS"

trap on_exit EXIT
trap 'exit 130' INT TERM

for f in scripts/stack/steps/[0-9][0-9]-*.sh; do
  # shellcheck disable=SC1090
  source "$f"
done

trap - EXIT
echo
echo "=== summary (logs in $LOGS)"
printf '%s\n' "${RESULTS[@]}"
passed=$(printf '%s\n' "${RESULTS[@]}" | grep -c '^PASS')
echo "stack: $passed passed, $FAILED failed, total $((SECONDS - T0)) s"
[ "$FAILED" = 0 ]
