#!/bin/bash
# pgpids.sh JAVAPID: the PostgreSQL (5533) backend pids serving JAVAPID's connections (by client port)
export PGPASSWORD=$(cat /work/bench-home/secrets/db)
ports=$(ss -tnpH state established "( dport = :5533 )" 2>/dev/null | grep "pid=$1," | awk '{split($3,a,":"); print a[length(a)]}' | paste -sd, -)
[ -z "$ports" ] && exit 0
psql -h 127.0.0.1 -p 5533 -U cds -d postgres -Atc "select pid from pg_stat_activity where datname='usage_year8' and client_port in ($ports)" | tr '\n' ' '
