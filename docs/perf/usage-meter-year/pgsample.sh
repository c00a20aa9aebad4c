#!/bin/bash
# pgsample.sh NAME PORT LIMIT CALLS: samples the active queries of usage_year8 (pg_stat_activity, every ~10 ms) during CALLS meter-years
export PGPASSWORD=$(cat /work/bench-home/secrets/db)
(LIMIT=$3 java -cp "base/lib/main/*:." Year2 $2 $4 $(cat $1.pid) md_dqfxragjqjxamth3qdiymsvs > /dev/null; touch /tmp/year8/sample.done) &
rm -f /tmp/year8/sample.done
( while [ ! -e /tmp/year8/sample.done ]; do echo "select case when query like '%array_send%' or query like '%vals::text%' then 'content-days' when query like '%register_read r%JOIN unnest%' then 'content-reads' when query like '%bill_determinant b%JOIN unnest%' then 'content-determinants' when query like 'SELECT * FROM (SELECT%' then 'keys' else left(query, 40) end from pg_stat_activity where datname='usage_year8' and state='active' and pid<>pg_backend_pid();"; sleep 0.01; done ) | psql -h 127.0.0.1 -p 5533 -U cds -d usage_year8 -At | sort | uniq -c | sort -rn | head
