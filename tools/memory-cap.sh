#!/usr/bin/env bash
# Runs a command under a container-style memory cap (a cgroup memory limit, as Docker's --memory
# sets it; no swap here, so going over the cap is an OOM kill, not slow paging) and reports its
# peak usage. .NET reads the cgroup limit and sizes its GC heap to it, as it does in a container.
#
#   tools/memory-cap.sh LIMIT_MB CMD [ARGS...]
#
# Prints "memory-cap: peak N MB of LIMIT MB" on stderr and exits with the command's status (137 when
# the cap killed it). Needs root and a cgroup memory controller (v2 unified, or v1); exits 3 with
# a one-line reason when the machine has neither.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: tools/memory-cap.sh LIMIT_MB CMD [ARGS...]" >&2; exit 2; }
limit_mb=$1; shift
limit=$((limit_mb * 1024 * 1024))
name=vecae-cap-$$

if [ -w /sys/fs/cgroup/cgroup.subtree_control ] && grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
  group=/sys/fs/cgroup/$name
  mkdir "$group"
  echo "$limit" > "$group/memory.max"
  echo 0 > "$group/memory.swap.max" 2>/dev/null || true
  peak_file=$group/memory.peak
elif [ -w /sys/fs/cgroup/memory ]; then
  group=/sys/fs/cgroup/memory/$name
  mkdir "$group"
  echo "$limit" > "$group/memory.limit_in_bytes"
  peak_file=$group/memory.max_usage_in_bytes
else
  echo "memory-cap: no writable cgroup memory controller on this machine (needs root and cgroup v1 or v2)" >&2
  exit 3
fi

cleanup() { rmdir "$group" 2>/dev/null || true; }
trap cleanup EXIT

status=0
# The child moves itself into the group before exec, so every byte of the command counts.
sh -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' sh "$group" "$@" || status=$?
peak=$(cat "$peak_file" 2>/dev/null || echo 0)
echo "memory-cap: peak $((peak / 1024 / 1024)) MB of $limit_mb MB$([ "$status" = 137 ] && echo ' (killed: over the cap)')" >&2
exit $status
