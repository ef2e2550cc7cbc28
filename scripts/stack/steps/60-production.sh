# shellcheck shell=bash
# Step 6: the production image (this run's tag) with PostgreSQL and Redis under this run's
# production project: built client + API on one port, non-root, NODE_ENV=production. Every
# credential comes from the environment (compose/prod.yml has no defaults): this run's own
# passwords (lib.sh), exported here as a user's compose/prod.env would give them.
production() {
  set -e
  export COMPOSE_FILE=compose/prod.yml:compose/ci-prod.yml COMPOSE_PROJECT_NAME=$PROD_PROJECT
  export POSTGRES_PASSWORD=$PROD_POSTGRES_PASSWORD REDIS_PASSWORD=$PROD_REDIS_PASSWORD
  docker compose up -d --wait --pull never
  local base=http://127.0.0.1:$PROD_PORT asset
  docker compose ps --format 'table {{.Name}}\t{{.Status}}'
  echo "  user: $(docker compose exec -T app id -un) ($(docker compose exec -T app id -u)), NODE_ENV=$(docker compose exec -T app printenv NODE_ENV)"
  [ "$(docker compose exec -T app id -u)" != 0 ]
  [ "$(docker compose exec -T app printenv NODE_ENV)" = production ]
  curl -fsS "$base/" | grep -q '<div id="app"' || curl -fsS "$base/" | grep -qi '<!doctype html'
  asset=$(curl -fsS "$base/" | grep -oE '/assets/[^"]+\.js' | head -1)
  curl -fsS -o /dev/null -D - "$base$asset" | tr -d '\r' | grep -i '^cache-control' | head -1
  curl -fsS "$base/stocks/MSFT" | grep -qi '<!doctype html'
  local health
  health=$(curl -fsS "$base/health" | json 'v.status + ", " + v.data.stocks + " stocks, " + v.checks.database.detail + ", cache: " + v.checks.cache.detail')
  echo "  /health: $health"
  [[ "$health" == "healthy, "*", pg, cache: redis"* ]]
  echo "  /api/stocks: $(curl -fsS "$base/api/stocks?limit=3" | json 'JSON.stringify(v).slice(0, 100)')"
  echo "  one port ($PROD_PORT) serves the page, $asset, the SPA fallback and the API"
  # Redis answers only with the password; PostgreSQL's is the run's, not a default.
  local anon authed
  anon=$(docker compose exec -T redis redis-cli ping 2>&1 || true)
  authed=$(docker compose exec -T -e REDISCLI_AUTH="$REDIS_PASSWORD" redis redis-cli ping)
  echo "  redis-cli ping without the password: ${anon%%$'\n'*}; with it: $authed"
  [[ "$anon" == *NOAUTH* ]] && [ "$authed" = PONG ]
  docker compose exec -T -e PGPASSWORD=vibeapp db psql -h db -U vibeapp -d vibeapp -c 'select 1' >/dev/null 2>&1 &&
    { echo "  PostgreSQL accepted the old default password"; return 1; }
  echo "  PostgreSQL refuses the old default password 'vibeapp' (password authentication over the compose network)"
  docker compose down -v
}
if [ "${STACK_SKIP_PRODUCTION:-0}" != 1 ]; then
  step "6. production image: built client + API on one port, with PostgreSQL and Redis" production
fi
