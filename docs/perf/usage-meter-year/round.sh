#!/bin/bash
# round.sh NAME PORT LIMIT CALLS [OUT]: Year2 meter-years (md_dqfxragjqjxamth3qdiymsvs of DEMO, 2024-01-01..2024-12-30)
# on the build NAME (pid in NAME.pid): wall, service CPU and PostgreSQL backend CPU per meter-year (after 1 + 5 warm-up calls)
cd "$(dirname "$0")"
LIMIT=$3 java -cp "base/lib/main/*:." Year2 $2 1 $(cat $1.pid) md_dqfxragjqjxamth3qdiymsvs > /dev/null
export PGPIDS="$(./pgpids.sh $(cat $1.pid))"
echo "$1 limit $3 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
LIMIT=$3 java -cp "base/lib/main/*:." Year2 $2 $4 $(cat $1.pid) md_dqfxragjqjxamth3qdiymsvs $5
