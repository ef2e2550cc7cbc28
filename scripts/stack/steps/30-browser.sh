# shellcheck shell=bash
# Steps 3a-3b, the seed's first checklist: headless Chromium on the client (browser-checks.mjs:
# the page through Vite's proxy, /health, /docs, an HMR edit and an API reload edit, both made
# to this run's probe files), then down/up keeps the data.
browser() {
  STACK_CLIENT_PROBE=$CLIENT_PROBE_DIR STACK_SERVER_PROBE=$PROBE_DIR/probe-body.mjs \
    node scripts/stack/browser-checks.mjs "$CLIENT" "$API"
}
persistence() {
  set -e
  local before after
  before=$(curl -fsS "$API/health" | json 'v.data.scores_computed_at + " " + v.data.stocks')
  dc --profile '*' down
  dc up -d --wait --pull never "${CORE[@]}"
  after=$(curl -fsS "$API/health" | json 'v.data.scores_computed_at + " " + v.data.stocks')
  echo "  scores computed at / stocks before down: $before; after up: $after"
  # The second setup found the data and left it alone (its log lines: post-create's and the
  # pino lines of the setup process).
  local setup_log
  setup_log=$(dc logs --no-log-prefix setup)
  grep -E 'post-create:|\(setup\):' <<<"$setup_log" | tail -3 || true
  grep -q 'already holds' <<<"$setup_log" || { echo "  setup did not report the data kept"; return 1; }
  [ "$before" = "$after" ]
}
step "3a. browser: client page via proxy, /health, /docs, HMR edit, API reload edit (probe files)" browser
step "3b. down then up keeps the data (no re-seed)" persistence
