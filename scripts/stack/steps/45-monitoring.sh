# shellcheck shell=bash
# Steps 4g-4h: Agendash under the monitoring profile (401 without the password, 200 with it),
# and everything so far ran with SENTRY_DSN empty.
monitoring() {
  needs_scripts agendash || return 1
  set -e
  dc --profile monitoring up -d --wait --pull never agendash
  local code anon
  anon=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$AGENDASH_PORT/")
  code=$(curl -sS -o /dev/null -w '%{http_code}' -u "${AGENDASH_USER:-admin}:$AGENDASH_PASSWORD" \
    "http://127.0.0.1:$AGENDASH_PORT/")
  echo "  Agendash on 127.0.0.1:$AGENDASH_PORT: HTTP $anon without credentials, $code with them"
  [ "$anon" = 401 ] && [ "$code" = 200 ]
}
no_sentry() {
  set -e
  local v
  v=$(dc exec -T api sh -c 'printf %s "${SENTRY_DSN-unset}"')
  echo "  SENTRY_DSN in the api container: '${v}'"
  [ -z "$v" ] || [ "$v" = unset ]
  [ "$(curl -fsS "$API/health" | json v.status)" = healthy ]
}
step "4g. [jobs] --profile monitoring starts Agendash answering on 5555" monitoring
step "4h. everything above ran with SENTRY_DSN empty" no_sentry
