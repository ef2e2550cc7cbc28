#!/bin/sh
# Brings a checkout to a runnable state; the same script serves every way in:
#   the compose set's one-shot `setup` service          sh scripts/post-create.sh
#   the dev container (onCreate / updateContent)         sh scripts/post-create.sh install
#   the dev container (postCreate)                       sh scripts/post-create.sh setup
#
#   install  npm ci, only when package-lock.json differs from the one node_modules was
#            installed from (its hash is kept in node_modules/.package-lock.sha256)
#   setup    npm run setup: migrate, then seed the sample data if the database is empty
#
# Idempotent and safe to run twice or at once: installs take a lock on the node_modules
# directory (flock, where available), and migrate/seed are safe across processes.
set -eu
cd "$(dirname "$0")/.."
what=${1:-all}

lock_hash() { sha256sum package-lock.json | cut -d' ' -f1; }

install_if_needed() {
  want=$(lock_hash)
  have=$(cat node_modules/.package-lock.sha256 2>/dev/null || true)
  if [ "$want" = "$have" ] && [ -d node_modules/.bin ]; then
    echo "post-create: node_modules matches package-lock.json, no install"
    return 0
  fi
  echo "post-create: package-lock.json changed (${have:-nothing installed}), running npm ci"
  started=$(date +%s)
  npm ci --no-audit --no-fund
  echo "$want" >node_modules/.package-lock.sha256
  echo "post-create: npm ci took $(($(date +%s) - started)) s"
}

install_locked() {
  mkdir -p node_modules
  if command -v flock >/dev/null 2>&1; then
    # The lock sits on the directory itself (the volume's mount point): npm ci empties it, never replaces it.
    exec 9<node_modules
    flock 9
    install_if_needed
    flock -u 9
  else
    install_if_needed
  fi
}

case "$what" in
  install) install_locked ;;
  setup) npm run --silent setup ;;
  all)
    install_locked
    npm run --silent setup
    ;;
  *)
    echo "post-create: unknown step '$what' (install, setup or all)" >&2
    exit 2
    ;;
esac
