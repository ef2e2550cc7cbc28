# shellcheck shell=bash
# Sourced by scripts/test-stack.sh: a Docker engine and compose v2 for the proof, on a Debian 12
# machine with root, without ever reaching a container registry.
#
#   engine_up     use the engine $DOCKER_HOST already points at, or install Debian's docker.io
#                 and start a private dockerd (own socket, data root and pid file) whose proxy
#                 variables point at a closed port, so it can never pull; containers may reach
#                 only each other, the host's DNS resolver and the package registry's address
#   compose_v2    compose v2 as a CLI plugin (Debian 13's docker-compose package, unpacked, not installed)
#   engine_down   stop what engine_up started and put the host's network settings back
#
# Where things live: $STACK_CACHE (kept between runs: image tarballs, packages, and the private
# engine's data root with its images and build cache, so a second run is warm) and $STACK_RUN
# (socket, pid file, exec root, recorded host state: removed by engine_down).

STACK_CACHE=${STACK_CACHE:-/var/cache/vibeapp-stack}
STACK_RUN=${STACK_RUN:-/var/lib/vibeapp-stack}
ENGINE_STARTED=0

engine_log() { printf '  %s\n' "$*"; }

# Debian 12's docker.io (engine 20.10) and mmdebstrap, when missing.
engine_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v iptables >/dev/null || missing+=(iptables)
  command -v docker >/dev/null || missing+=(docker.io)
  [ ${#missing[@]} -eq 0 ] && return 0
  engine_log "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Compose v2: Debian 12 has only v1 (which rejects `name:`); Debian 13's docker-compose 2.x
# package is fetched with apt-get download from a private sources list (the machine's own apt
# setup is untouched) and its plugin binary copied into $DOCKER_CONFIG/cli-plugins.
compose_v2() {
  if docker compose version >/dev/null 2>&1; then return 0; fi
  export DOCKER_CONFIG=$STACK_CACHE/docker-config
  local plugin=$DOCKER_CONFIG/cli-plugins/docker-compose
  if [ ! -x "$plugin" ]; then
    local apt=$STACK_CACHE/apt-trixie mirror
    mirror=$(grep -rhoE '^(URIs:|deb) *https?://[^ ]+/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
      grep -oE 'https?://[^ ]+' | grep -v security | head -1 || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    mkdir -p "$apt/lists/partial" "$apt/debs"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$apt/sources.list"
    local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$apt/lists"
      -o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1)
    engine_log "fetching compose v2 (Debian trixie's docker-compose) with apt-get download"
    apt-get "${opts[@]}" update -qq
    (cd "$apt/debs" && apt-get "${opts[@]}" download docker-compose >/dev/null 2>&1)
    local deb
    deb=$(ls "$apt"/debs/docker-compose_2.*.deb | tail -1)
    rm -rf "$apt/x" && dpkg-deb -x "$deb" "$apt/x"
    mkdir -p "$DOCKER_CONFIG/cli-plugins"
    cp "$apt/x/usr/libexec/docker/cli-plugins/docker-compose" "$plugin"
    rm -rf "$apt/x"
  fi
  docker compose version >/dev/null
}

# Host state that dockerd changes, recorded once before it starts.
engine_record_host() {
  mkdir -p "$STACK_RUN/state"
  sysctl -n net.ipv4.ip_forward >"$STACK_RUN/state/ip_forward"
  iptables-save >"$STACK_RUN/state/iptables.rules"
  ip6tables-save >"$STACK_RUN/state/ip6tables.rules" 2>/dev/null || true
  ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort >"$STACK_RUN/state/links"
}

engine_up() {
  if [ -n "${DOCKER_HOST:-}" ] && docker info >/dev/null 2>&1; then
    engine_log "using the running engine at $DOCKER_HOST"
    return 0
  fi
  engine_packages
  mkdir -p "$STACK_RUN"
  export DOCKER_HOST=unix://$STACK_RUN/docker.sock
  if docker info >/dev/null 2>&1; then
    engine_log "using the engine left at $DOCKER_HOST"
    return 0
  fi
  engine_record_host
  mkdir -p "$STACK_CACHE/engine" "$STACK_RUN/exec"
  # The proxy variables send any registry request the daemon makes to a closed local port.
  # DOCKER_SERVICE_PREFER_OFFLINE_IMAGE: a swarm task starts from the local image without first
  # trying to pull it (test:scale's services).
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=localhost,127.0.0.1 \
    DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 nohup dockerd -H "$DOCKER_HOST" --data-root "$STACK_CACHE/engine" --exec-root "$STACK_RUN/exec" \
    --pidfile "$STACK_RUN/docker.pid" >"$STACK_RUN/dockerd.log" 2>&1 &
  ENGINE_STARTED=1
  local i
  for i in $(seq 1 150); do
    docker info >/dev/null 2>&1 && break
    sleep 0.2
  done
  docker info >/dev/null 2>&1 || {
    tail -20 "$STACK_RUN/dockerd.log" >&2
    return 1
  }
  engine_egress_rules
  engine_log "dockerd $(docker version -f '{{.Server.Version}}') at $DOCKER_HOST (pulls go to 127.0.0.1:9)"
}

# Containers leave the machine only for DNS (the host's resolver) and 80/443 at the address the
# npm registry resolves to (on this kind of machine every package registry sits behind it).
engine_egress_rules() {
  local out registry addr dns
  out=$(ip route show default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1); exit}')
  registry=$(npm config get registry | sed -E 's#^[a-z]+://([^/:]+).*#\1#')
  addr=$(getent ahostsv4 "$registry" | awk 'NR == 1 {print $1}')
  dns=$(awk '/^nameserver/ {print $2; exit}' /etc/resolv.conf)
  iptables -I DOCKER-USER -o "$out" -j DROP
  [ -n "$addr" ] && iptables -I DOCKER-USER -o "$out" -d "$addr" -p tcp -m multiport --dports 80,443 -j ACCEPT
  if [ -n "$dns" ]; then
    iptables -I DOCKER-USER -o "$out" -d "$dns" -p udp --dport 53 -j ACCEPT
    iptables -I DOCKER-USER -o "$out" -d "$dns" -p tcp --dport 53 -j ACCEPT
  fi
  engine_log "egress from containers: DNS $dns, $registry ($addr) on 80/443, nothing else"
}

engine_down() {
  [ "$ENGINE_STARTED" = 1 ] || return 0
  local pid i
  if [ -f "$STACK_RUN/docker.pid" ]; then
    pid=$(cat "$STACK_RUN/docker.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  ENGINE_STARTED=0
  findmnt -rn -o TARGET | grep -E "^($STACK_RUN|$STACK_CACHE/engine)/" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  # Links the engine created (docker0, compose networks' br-*, veths left behind).
  if [ -f "$STACK_RUN/state/links" ]; then
    ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort | comm -13 "$STACK_RUN/state/links" - |
      while read -r link; do ip link del "$link" 2>/dev/null || true; done
  fi
  engine_restore_tables iptables "$STACK_RUN/state/iptables.rules"
  [ -f "$STACK_RUN/state/ip6tables.rules" ] && engine_restore_tables ip6tables "$STACK_RUN/state/ip6tables.rules"
  [ -f "$STACK_RUN/state/ip_forward" ] && sysctl -qw net.ipv4.ip_forward="$(cat "$STACK_RUN/state/ip_forward")"
  rm -rf "$STACK_RUN" /etc/docker/key.json /run/docker /run/containerd /var/run/docker.pid
  rmdir /run/runc /run/mount 2>/dev/null || true
}

# Put a table set back as recorded: tables the engine created or changed are emptied (rules,
# chains, policies ACCEPT) and the recorded rules restored.
engine_restore_tables() {
  local cmd=$1 saved=$2 table chain
  for table in filter nat mangle raw; do
    grep -q "^\*$table" "$saved" && continue
    $cmd -t "$table" -S >/dev/null 2>&1 || continue
    $cmd -t "$table" -F 2>/dev/null || true
    $cmd -t "$table" -X 2>/dev/null || true
    for chain in $($cmd -t "$table" -S 2>/dev/null | awk '$1 == "-P" {print $2}'); do
      $cmd -t "$table" -P "$chain" ACCEPT 2>/dev/null || true
    done
  done
  [ -s "$saved" ] && "$cmd-restore" <"$saved"
  return 0
}

# One line describing the host's network settings (compared before and after the run).
host_network_state() {
  local policy
  policy=$(iptables -S FORWARD 2>/dev/null | awk '$1 == "-P" {print $3}')
  printf 'ip_forward=%s FORWARD=%s rules=%s chains=%s links=%s' \
    "$(sysctl -n net.ipv4.ip_forward)" "${policy:-ACCEPT}" \
    "$(iptables-save 2>/dev/null | grep -c '^-A' || true)" \
    "$(iptables-save 2>/dev/null | grep '^:' | grep -cvE '^:(INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) ' || true)" \
    "$(ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort | tr '\n' ' ' | sed 's/ $//')"
}
