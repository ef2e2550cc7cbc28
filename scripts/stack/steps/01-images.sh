# shellcheck shell=bash
# Steps 0b-0d: the images. The base images (stand-ins built from Debian packages under the
# official names, kept as tarballs in $STACK_CACHE) when the engine lacks them; the dev image,
# timed against the seed's NFR-01; the production image. Both app images carry this run's tags.

standins() {
  set -e
  bash scripts/stack/standin-images.sh
  docker images --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E '^  (postgres|redis|node|prom/prometheus|caddy):' || true
}

# NFR-01: the dev image builds in under 5 minutes on two cores, cold. On our own engine the build
# runs with --no-cache, so the figure is a cold build every time (the base images are local; the
# apt and npm downloads and the sqlite3 compile all happen). On an engine that is not ours its
# build cache is neither emptied nor bypassed: the time is printed, not judged. Either way the
# figure is reported, never a failure of the step.
NFR01_SECONDS=300
dev_image() {
  local t=$SECONDS secs cold=()
  [ "$ENGINE_STARTED" = 1 ] && [ "${STACK_COLD_BUILD:-1}" = 1 ] && cold=(--no-cache)
  dc build "${cold[@]}" setup || return 1
  secs=$((SECONDS - t))
  echo "  dev image $VIBEAPP_DEV_IMAGE: $(docker image inspect -f '{{.Size}}' "$VIBEAPP_DEV_IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')"
  if [ ${#cold[@]} = 0 ]; then
    echo "  dev image build: $secs s (build cache allowed: not a cold figure, NFR-01 not judged)"
    return 0
  fi
  echo "  dev image COLD build (--no-cache, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)): $secs s; NFR-01 budget $NFR01_SECONDS s"
  # Reported, not asserted: a build time depends on the machine's load and the registry's speed,
  # so a slow day prints the miss loudly instead of failing the proof.
  if [ "$secs" -lt "$NFR01_SECONDS" ]; then
    echo "  NFR-01 met: $secs s < $NFR01_SECONDS s"
  else
    echo "  NFR-01 MISSED: $secs s >= $NFR01_SECONDS s (see the load average above)"
  fi
}

prod_image() {
  local t=$SECONDS
  prod_compose build migrate || return 1
  echo "  production image $VIBEAPP_IMAGE: $((SECONDS - t)) s"
}

step "0b. base images (stand-ins from cache or Debian packages, only where missing)" standins || exit 1
step "0c. dev image build; cold on a private engine, against NFR-01 (< 5 min on 2 cores)" dev_image ||
  docker image inspect "$VIBEAPP_DEV_IMAGE" >/dev/null 2>&1 || exit 1
if [ "${STACK_SKIP_PRODUCTION:-0}" != 1 ]; then
  step "0d. production image build" prod_image || exit 1
fi
