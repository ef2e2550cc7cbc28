# shellcheck shell=bash
# Step 1: what needs no engine. Compose's own parser on every file set a user or CI runs (the
# root compose.yaml, which includes compose/dev.yml, must resolve to the same model as
# compose/dev.yml), then scripts/stack/static-checks.mjs: JSON schemas and cross-checks.
static() {
  local rc=0 f
  # compose/prod.yml takes its passwords from the environment (placeholders here).
  for f in compose.yaml compose/dev.yml compose/dev.yml:compose/ci.yml compose/prod.yml:compose/ci-prod.yml compose/prod.yml:compose/prod-tls.yml; do
    if (unset COMPOSE_PROJECT_NAME VIBEAPP_DEV_IMAGE VIBEAPP_IMAGE
      export POSTGRES_PASSWORD=static-check REDIS_PASSWORD=static-check
      COMPOSE_FILE=$f DOCKER_HOST=unix:///nonexistent docker compose --profile '*' config -q); then
      echo "  ok    docker compose config -q ($f, no engine needed)"
    else
      echo "  FAIL  docker compose config -q ($f)"
      rc=1
    fi
  done
  # Without its credentials (unset, or empty as in compose/prod.env.example) compose/prod.yml
  # stops before anything starts and names what is missing.
  local out var
  for var in POSTGRES_PASSWORD REDIS_PASSWORD; do
    out=$( (unset COMPOSE_PROJECT_NAME POSTGRES_PASSWORD REDIS_PASSWORD
      [ "$var" = POSTGRES_PASSWORD ] && export REDIS_PASSWORD=static-check
      [ "$var" = REDIS_PASSWORD ] && export POSTGRES_PASSWORD=static-check
      DOCKER_HOST=unix:///nonexistent docker compose -f compose/prod.yml config -q) 2>&1) &&
      { echo "  FAIL  compose/prod.yml resolves without $var"; rc=1; continue; }
    if grep -q "set $var in" <<<"$out"; then
      echo "  ok    compose/prod.yml without $var stops: $(tail -1 <<<"$out" | sed 's/.*: required variable/required variable/')"
    else
      echo "  FAIL  compose/prod.yml without $var: $out"
      rc=1
    fi
  done
  if out=$( (unset COMPOSE_PROJECT_NAME POSTGRES_PASSWORD REDIS_PASSWORD
    DOCKER_HOST=unix:///nonexistent docker compose -f compose/prod.yml --env-file compose/prod.env.example config -q) 2>&1); then
    echo "  FAIL  compose/prod.yml resolves with compose/prod.env.example's empty passwords"
    rc=1
  else
    echo "  ok    compose/prod.env.example as it is (passwords empty) is refused: $(tail -1 <<<"$out" | sed 's/.*: required variable/required variable/')"
  fi
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
