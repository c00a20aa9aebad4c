#!/bin/bash
# sample-loop.sh PID PORT DB OUT SECONDS: every 5 s one line of OUT: sample.sh's epoch ms, interval events consumed and
# JVM CPU ticks (utime+stime, 1/100 s), then the CPU ticks of the PostgreSQL backends connected to DB (live ones;
# bench stack, port 5533).
PID=$1 PORT=$2 DB=$3 OUT=$4 SECS=$5
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PGPASSWORD=$(cat /work/bench-home/secrets/db)
end=$(( $(date +%s) + SECS ))
while [ $(date +%s) -lt $end ] && kill -0 $PID 2>/dev/null; do
  jvm=$("$HERE/sample.sh" "$PID" "$PORT")
  pg=0
  for b in $(psql -h 127.0.0.1 -p 5533 -U cds -d postgres -Atc "select pid from pg_stat_activity where datname='$DB'"); do
    v=$(awk '{print $14+$15}' /proc/$b/stat 2>/dev/null || echo 0); pg=$((pg + ${v:-0}))
  done
  echo "$jvm $pg" >> $OUT
  sleep 5
done
