#!/bin/bash
# measure.sh DATABASE CLIENT: the meter-year's page 1 and page 4 (cursor = day 300), former and new key query,
# 7 × EXPLAIN (ANALYZE, BUFFERS) each (custom plan) + 3 × 3 generic-plan runs of the new one; checks the rows agree.
# Load the data first: psql -v client=PERF1 -v noise=33 -f gen.sql (see docs/usage-mapping.md §5.7).
set -e
cd "$(dirname "$0")"
db=$1; c=$2
P="psql -h 127.0.0.1 -p 5433 -U cds -d $db -At"   # PGPASSWORD from the environment
cursor=$(mktemp)
$P -c "SELECT '', c.entity_id, c.contract_id, d.day_start::text, max(d.modified)::text, 'i', d.series_key, d.interval_s,
         (d.day_start + make_interval(secs => d.slot_count::double precision * d.interval_s))::text
       FROM interval_day d JOIN contract c ON c.client = d.client AND c.meter_account_id = 'MA0'
       WHERE d.client = '$c' AND d.series_key = 'ma:MA0' AND d.local_day = DATE '2024-01-01' + 299
       GROUP BY 1, 2, 3, 4, 6, 7, 8, 9" > "$cursor"
for p in 1 4; do
  cur=-; [ $p = 4 ] && cur=$cursor
  python3 bind.py old old-page$p.sql "$c" $cur > /tmp/old.$$.sql
  python3 bind.py new new-page$p.sql "$c" $cur > /tmp/new.$$.sql
  python3 bind.py generic new-page$p.sql "$c" $cur > /tmp/gen.$$.sql
  [ "$($P -f /tmp/old.$$.sql | md5sum)" == "$($P -f /tmp/new.$$.sql | md5sum)" ] && rows=same || rows=DIFFERENT
  for v in old new; do
    ts=""; for i in 1 2 3 4 5 6 7; do
      ts="$ts $( (echo -n 'EXPLAIN (ANALYZE, BUFFERS) '; cat /tmp/$v.$$.sql) | $P | grep 'Execution Time' | awk '{print $3}')"
    done
    echo "$c page $p $v custom plan ms:$ts (rows $rows)"
  done
  ts=""; for i in 1 2 3; do ts="$ts $($P -f /tmp/gen.$$.sql | grep 'Execution Time' | awk '{print $3}' | tr '\n' ' ')"; done
  echo "$c page $p new generic plan ms: $ts"
done
rm -f "$cursor" /tmp/old.$$.sql /tmp/new.$$.sql /tmp/gen.$$.sql
