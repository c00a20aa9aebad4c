#!/bin/bash
# Starts one usage-service instance that consumes only gridx.intervals.v1, for CPU-per-row measurements
# (docs/perf/interval-consumer.md). Usage: run.sh APPDIR DB GROUP PORT   (prints the PID)
#   APPDIR  a copy of usage-service/target/quarkus-app      DB     a database to (re)create on the stack's PostgreSQL
#   GROUP   a fresh Kafka group id (reads from the start)    PORT   a free HTTP port
# Env: CDS_HOME (default /work/bench-home), CDS_PG_PORT (5533), CDS_KAFKA_PORT (9192), CDS_KEYCLOAK_PORT (8280),
#      JAVA_EXTRA (e.g. -XX:StartFlightRecording=filename=x.jfr,settings=profile,dumponexit=true).
set -euo pipefail
APP=$1 DB=$2 GROUP=$3 PORT=$4
S=${CDS_HOME:-/work/bench-home}/secrets
PG=${CDS_PG_PORT:-5533}
export PGPASSWORD=$(cat "$S/db")
psql -h 127.0.0.1 -p "$PG" -U cds -d postgres -qc "DROP DATABASE IF EXISTS $DB"
psql -h 127.0.0.1 -p "$PG" -U cds -d postgres -qc "CREATE DATABASE $DB"
export QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1
export QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG/$DB QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG/$DB
export QUARKUS_DATASOURCE_USERNAME=cds QUARKUS_DATASOURCE_PASSWORD=$PGPASSWORD
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${CDS_KAFKA_PORT:-9192} KAFKA_GROUP_ID=$GROUP
export CDS_ACCESS_FILTER_KEY=$(cat "$S/access-filter-key") CDS_IDS_KEY=$(cat "$S/ids-key")
BIND=${CDS_BIND:-127.0.0.1}
export CDS_KEYCLOAK_URL=http://$BIND:${CDS_KEYCLOAK_PORT:-8280}
OFF=""
for c in registers customers meteraccount-meters attributes bill-determinants networks events bills; do
  OFF="$OFF -Dmp.messaging.incoming.$c.enabled=false"
done
# shellcheck disable=SC2086
nohup java -Xms64m -Xmx256m -XX:+UseSerialGC ${JAVA_EXTRA:-} $OFF -Dquarkus.datasource.jdbc.acquisition-timeout=120S \
  -jar "$APP/quarkus-run.jar" >"$GROUP.log" 2>&1 &
echo $!
