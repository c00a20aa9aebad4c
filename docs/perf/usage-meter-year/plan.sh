#!/bin/bash
# plan.sh N FILE...: planning and execution time of each captured key query (Capture.java), min / median of N runs of
# EXPLAIN (ANALYZE, BUFFERS, SUMMARY) in one session with jit off (as the services run). DB default usage_usageyear.
export PGPASSWORD=${PGPASSWORD:-$(cat ${SECRETS:-/work/main/.local/secrets}/db)}
n=$1; shift
out=$(mktemp)
for f in "$@"; do
  (echo "SET jit=off;"; for i in $(seq $n); do echo "EXPLAIN (ANALYZE, BUFFERS, SUMMARY) "; cat $f; done) \
    | psql -h 127.0.0.1 -p 5433 -U cds -d ${DB:-usage_usageyear} -At > $out
  stat() { grep "$1" $out | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.1f / %.1f", a[1], a[int((NR+1)/2)]}'; }
  echo "$f: planning $(stat 'Planning Time') ms, execution $(stat 'Execution Time') ms (min / median of $n)"
done
rm -f $out
