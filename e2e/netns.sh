#!/usr/bin/env bash
# Runs a command inside a network namespace of its own, with loopback and a veth pair whose both
# ends are inside it, so that nothing a test starts (WebRTC candidate gathering above all) can
# reach an address outside the namespace. The veth exists for Firefox (see below).
#
#   bash e2e/netns.sh CMD [ARGS…]
#
# Needs root (or unprivileged user namespaces). Where `unshare --net` is not permitted — a
# laptop without root — it says so and runs CMD directly. Inside, SZ_NETNS=1 is exported.
# Host PostgreSQL and Redis are unreachable in the namespace: e2e tests use PGlite.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: bash e2e/netns.sh CMD [ARGS…]" >&2
  exit 2
fi

# npm scripts put node_modules/.bin on PATH; a bare `vitest` from the script line stays resolvable
# inside the namespace because the environment (PATH included) is inherited.

if [[ "${SZ_NETNS:-}" == "1" ]]; then
  # Already inside (nested call): do not unshare again.
  exec "$@"
fi

if unshare --net true 2>/dev/null; then
  export SZ_NETNS=1
  exec unshare --net bash -c '
    set -e
    ip link set lo up
    # Firefox gathers no ICE candidate on loopback (and none at all with only lo): a veth pair
    # with a documentation-range address (RFC 5737) and a default route gives it a host candidate,
    # 192.0.2.1. Both ends of the pair live in this namespace, so a packet "sent" on v0 arrives on
    # v1, which has no address and no route: nothing can leave the namespace.
    ip link add v0 type veth peer name v1
    ip addr add 192.0.2.1/24 dev v0
    ip link set v0 up
    ip link set v1 up
    ip route add default dev v0
    # Sanity check. With the default route, "is 1.1.1.1 routable" no longer tells isolation: what
    # does is that the namespace holds no interface but lo and the veth pair, and that the peer of
    # v0 (v1) is in this namespace too (a veth whose peer were elsewhere would show it as
    # "v0@ifN" with a link-netns). Refuse to run tests otherwise.
    interfaces="$(ip -o link show | awk -F": " "{print \$2}" | sort | tr "\n" " ")"
    if [[ "$interfaces" != "lo v0@v1 v1@v0 " ]]; then
      echo "e2e/netns.sh: unexpected interfaces in the namespace: $interfaces; refusing to run" >&2
      exit 97
    fi
    if ip -d link show v0 | grep -q link-netns; then
      echo "e2e/netns.sh: the peer of v0 is outside the namespace; refusing to run" >&2
      exit 97
    fi
    exec "$@"
  ' netns "$@"
fi

echo "e2e/netns.sh: NOTICE: cannot create a network namespace (unshare --net needs root);" >&2
echo "e2e/netns.sh: running the tests directly on this machine's network. WebRTC tests may" >&2
echo "e2e/netns.sh: then use non-loopback interfaces. Run as root (as CI does) for isolation." >&2
export SZ_NETNS=0
exec "$@"
