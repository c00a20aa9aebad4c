#!/bin/bash
# run.sh NAME PORT CALLS: Year2 on the build NAME (pid in NAME.pid) on PORT, with PG backend CPU of usage_year7.
cd "$(dirname "$0")"
export PGPASSWORD=$(cat /work/bench-home/secrets/db)
java -cp "base/lib/main/*:." Year2 $2 3 $(cat $1.pid) md_dqfxragjqjxamth3qdiymsvs > /dev/null
export PGPIDS="$(psql -h 127.0.0.1 -p 5533 -U cds -d postgres -Atc "select pid from pg_stat_activity where datname='usage_year7' and pid<>pg_backend_pid()" | tr '\n' ' ')"
./threads.sh $(cat $1.pid) > $1.t0
echo "$1 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
java -cp "base/lib/main/*:." Year2 $2 $3 $(cat $1.pid) md_dqfxragjqjxamth3qdiymsvs $4
./threads.sh $(cat $1.pid) > $1.t1
join -t'|' $1.t0 $1.t1 | awk -F'|' -v n=$(( $3 + 5 )) '{d=$3-$2; if (d>0) printf "   %s %.1f", $1, d*10/n} END {print " ms/call by thread"}'
