#!/bin/bash
# cpu.sh APPDIR PORT PID CALLS [OUT] [LIMIT]: Year.java's meter-year calls (LIMIT = page size, default 100) against the
# usage-service PID on PORT, plus PostgreSQL's CPU per call: utime+stime of the server backends connected to DB (the
# service's pool; sampled before and after, 5 warm-up calls included). Environment: DB (default usage_usageyear),
# CLIENT (PERF1), METER (PERF1-md-0), SECRETS (/work/main/.local/secrets); PGPASSWORD from $SECRETS/db.
S=${SECRETS:-/work/main/.local/secrets}
export PGPASSWORD=$(cat $S/db)
pids=$(psql -h 127.0.0.1 -p 5433 -U cds -d postgres -Atc "select pid from pg_stat_activity where datname='${DB:-usage_usageyear}' and pid<>pg_backend_pid()")
ticks() { local s=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$s"; }
p0=$(ticks $pids)
SECRETS=$S CLIENT=${CLIENT:-PERF1} LIMIT=${6:-100} java -cp "$1/lib/main/*:." Year $2 $4 $3 ${METER:-PERF1-md-0} $5
p1=$(ticks $pids)
echo "PG backends ($(echo $pids|wc -w)): $(( (p1-p0)*10/($4+5) )) ms CPU/call (incl. 5 warm-up calls)"
