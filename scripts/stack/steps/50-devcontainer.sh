# shellcheck shell=bash
# Steps 5a-5b: the dev container CLI (what VS Code and Codespaces run) attaches to this run's
# `workspace` service (COMPOSE_PROJECT_NAME names the project for the CLI too) and runs the
# lifecycle commands; then the server tests run inside it against db and redis by name.
DEVCONTAINER=$REPO/node_modules/.bin/devcontainer
devcontainer_up() {
  set -e
  # The CLI fetches a control manifest from the internet unless its cached copy is fresh.
  local cm
  cm=/tmp/devcontainercli-$(id -un)/control-manifest.json
  mkdir -p "$(dirname "$cm")"
  [ -s "$cm" ] || echo '{"disallowedFeatures":[],"featureAdvisories":[]}' >"$cm"
  touch -d '2099-01-01' "$cm"
  (unset COMPOSE_FILE; "$DEVCONTAINER" up --workspace-folder "$REPO" --docker-path docker --log-level info) \
    >"$LOGS/devcontainer-up.log" 2>&1 || {
    tail -40 "$LOGS/devcontainer-up.log"
    return 1
  }
  tail -1 "$LOGS/devcontainer-up.log"
  grep -E 'post-create:|\(setup\):' "$LOGS/devcontainer-up.log" | tail -4 || true
  local id
  id=$(tail -1 "$LOGS/devcontainer-up.log" | json v.containerId)
  echo "  attached to $(docker inspect -f '{{.Name}} (project {{index .Config.Labels "com.docker.compose.project"}})' "$id")"
  [ "$(docker inspect -f '{{index .Config.Labels "com.docker.compose.project"}}' "$id")" = "$PROJECT" ]
}
devcontainer_exec() {
  # The container user is uid 1000 (the dev container CLI matches it to the host user, except
  # root). Run as root on a root-owned checkout (CI), give that user the data folder a
  # developer's own checkout would give it (git ignores it; removed after).
  local made_data=0
  if [ "$(id -u)" = 0 ] && [ "$(stat -c %u "$REPO")" != 1000 ] && [ ! -e "$REPO/data" ]; then
    install -d -o 1000 -g 1000 "$REPO/data"
    made_data=1
  fi
  local rc=0
  (
    unset COMPOSE_FILE
    "$DEVCONTAINER" exec --workspace-folder "$REPO" --docker-path docker bash -lc '
      set -eo pipefail
      echo "  in $(hostname) as $(id -un): $(node --version), $(psql --version | cut -d" " -f1-3), $(redis-cli --version | cut -d" " -f1-2)"
      test "$(redis-cli -h redis ping)" = PONG
      psql -Atc "select count(*) || '"' stocks in db'"' from stocks"
      cd server
      TEST_DATABASE_URL=postgres://$PGUSER:$PGPASSWORD@db:5432/$PGDATABASE TEST_REDIS_URL=redis://redis:6379/15 npx mocha 2>&1 | sed -n "/ passing (/,\$p" | head -80'
  ) || rc=1
  [ "$made_data" = 1 ] && rm -rf "$REPO/data"
  return "$rc"
}
if [ "${STACK_SKIP_DEVCONTAINER:-0}" != 1 ]; then
  step "5a. devcontainer up: attaches to this run's workspace, runs the lifecycle commands" devcontainer_up &&
    step "5b. devcontainer exec: server tests inside workspace against db and redis by name" devcontainer_exec
fi
