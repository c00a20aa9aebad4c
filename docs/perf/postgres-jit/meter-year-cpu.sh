#!/usr/bin/env bash
# CPU per meter-year call of usage-service and of PostgreSQL (all backends of the stack's server), from the kernel's
# utime+stime ticks (1/100 s) before and after bench ApiLoad runs only the meter-year call at 1 client.
# Run from the repository root with the stack's CDS_* variables set (bench/README.md: a private bench stack) and after
# `bench/run p4` has written bench/out/p4/meter. Usage: docs/perf/postgres-jit/meter-year-cpu.sh LABEL
set -euo pipefail
label="$1"
home="$(deploy/local/stack env | sed -n 's/^CDS_HOME=//p')"
bind="${CDS_BIND:-127.0.0.1}"
usage_pid="$(cat "$home/run/usage-service.pid")"
pg_pid="$(head -n 1 "$home/data/postgres/postmaster.pid")"
ticks() { local s=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$s"; }
pg_ticks() { ticks "$pg_pid" $(pgrep -P "$pg_pid"); }   # backends that exit meanwhile are not counted
cp="bench/target/classes:$(cat bench/out/classpath.txt)"
out="bench/out/jit-$label.tsv"; rm -f "$out"
u0="$(ticks "$usage_pid")"; p0="$(pg_ticks)"
java -Dcalls=meter-year -Dconcurrency=1 -Dyear.concurrency=1 -Dseconds=15 -Dwarmup=3 -Druns=1 -cp "$cp" \
  org.lfenergy.cds.bench.ApiLoad "http://$bind:${CDS_GATEWAY_PORT:-8080}" "http://$bind:${CDS_BILLING_PORT:-8082}" \
  "http://$bind:${CDS_USAGE_PORT:-8083}" "$home/secrets/access-filter-key" \
  "$(deploy/local/stack env | sed -n 's/^CDS_KAFKA_BOOTSTRAP=//p')" "$label" bench/out/p4/meter "$out" >/dev/null 2>&1
u1="$(ticks "$usage_pid")"; p1="$(pg_ticks)"
# calls = the measured ones (column 9 of each cell) plus ~3 s of warm-up at the cell's rate (column 8) and 2 probe calls
calls="$(awk -F'\t' '!/^#/ {n += $9 + $8 * 3} END {printf "%.0f", n + 2}' "$out")"
echo "$label: ~$calls calls; usage-service $(( (u1 - u0) * 10 / calls )) ms CPU/call, PostgreSQL $(( (p1 - p0) * 10 / calls )) ms CPU/call"
