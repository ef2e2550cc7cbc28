# shellcheck shell=bash
# Step 1: what needs no engine. Compose's own parser on every file set a user or CI runs (the
# root compose.yaml, which includes compose/dev.yml, must resolve to the same model as
# compose/dev.yml), then scripts/stack/static-checks.mjs: JSON schemas and cross-checks.
static() {
  local rc=0 f
  for f in compose.yaml compose/dev.yml compose/dev.yml:compose/ci.yml compose/prod.yml:compose/ci-prod.yml; do
    if (unset COMPOSE_PROJECT_NAME VIBEAPP_DEV_IMAGE VIBEAPP_IMAGE
      COMPOSE_FILE=$f DOCKER_HOST=unix:///nonexistent docker compose --profile '*' config -q); then
      echo "  ok    docker compose config -q ($f, no engine needed)"
    else
      echo "  FAIL  docker compose config -q ($f)"
      rc=1
    fi
  done
  # A plain `docker compose up` after a fresh clone: the same project, services, paths and
  # volumes as -f compose/dev.yml (the resolved models compared, extension fields x-* aside).
  model() {
    (unset COMPOSE_FILE COMPOSE_PROJECT_NAME VIBEAPP_DEV_IMAGE
      DOCKER_HOST=unix:///nonexistent docker compose --env-file /dev/null "$@" --profile '*' config --format json) |
      node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const m=JSON.parse(s);
        for (const k of Object.keys(m)) if (k.startsWith('x-')) delete m[k];
        console.log(JSON.stringify(m, null, 1))})"
  }
  if diff <(model) <(model -f compose/dev.yml); then
    echo "  ok    compose.yaml (plain docker compose up) resolves to the same model as -f compose/dev.yml, project vibeapp"
  else
    echo "  FAIL  compose.yaml and compose/dev.yml resolve differently (diff above)"
    rc=1
  fi
  node --import tsx scripts/stack/static-checks.mjs || rc=1
  return $rc
}
step "1. static: compose config, JSON schemas, scripts/env/ports cross-checks" static
