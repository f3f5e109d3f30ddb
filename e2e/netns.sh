#!/usr/bin/env bash
# Runs a command inside a network namespace that has only loopback, so that nothing a test
# starts (Chromium's WebRTC candidate gathering above all) can reach a non-loopback address.
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
    # Sanity check: a non-loopback address must be unreachable (no route: fails at once,
    # without a packet leaving). Refuse to run tests if it were reachable.
    if ip route get 1.1.1.1 >/dev/null 2>&1; then
      echo "e2e/netns.sh: the namespace has a route to 1.1.1.1; refusing to run" >&2
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
