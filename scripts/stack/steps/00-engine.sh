# shellcheck shell=bash
# Step 0a: the engine. $DOCKER_HOST, when it answers, is used as it is (an engine this run did
# not start: see lib.sh's teardown for what it does there); otherwise Debian's docker.io is
# started privately with a pull guard and limited egress (engine.sh). Compose v2 either way.
engine() {
  engine_up && compose_v2 && docker compose version
}
INLINE=1 step "0a. engine (yours via DOCKER_HOST, or a private dockerd: pulls blocked, egress limited)" engine || exit 1
if [ "$ENGINE_STARTED" = 1 ]; then
  echo "  engine: private, started by this run (it is stopped and the host restored at the end)"
else
  echo "  engine: $DOCKER_HOST, not started by this run: only $PROJECT and $PROD_PROJECT, their volumes and"
  echo "  the images this run tags are created and removed there; nothing is pruned"
fi
