#!/usr/bin/env bash
# Run test projects in a network namespace that holds only loopback, so a test that reaches
# beyond this machine fails, also from a child process (the CLI, socat, cupsd) that the
# in-process guard (tests/setup/network-guard.ts) cannot see. Needs root (ip netns).
# Usage: scripts/test-loopback-only.sh [more vitest arguments…]   (runs the unit and integration projects)
set -euo pipefail
ns=counter-assist-loopback
cleanup() { ip netns delete "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
set -- --project unit --project integration "$@"
ip netns exec "$ns" npx vitest run "$@"
