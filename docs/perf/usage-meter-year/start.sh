#!/bin/bash
# start.sh APPDIR PORT: a usage-service build (target/quarkus-app) on PORT against usage_usageread, a copy of the bench
# stack's usage database (pg_dump usage | psql usage_usageread on PG 5533), every Kafka channel disabled.
S=/work/bench-home/secrets
export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$2 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9192 \
 KAFKA_GROUP_ID=usage-usageread KAFKA_AUTO_OFFSET_RESET=latest \
 CDS_ACCESS_FILTER_KEY=$(cat $S/access-filter-key) CDS_IDS_KEY=$(cat $S/ids-key) \
 QUARKUS_DATASOURCE_USERNAME=cds QUARKUS_DATASOURCE_PASSWORD=$(cat $S/db) \
 QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5533/usage_usageread \
 QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5533/usage_usageread \
 QUARKUS_OTEL_SDK_DISABLED=true
D=""; for ch in intervals registers customers meteraccount-meters attributes bill-determinants networks events bills; do D="$D -Dmp.messaging.incoming.$ch.enabled=false"; done; D="$D -Dusage.intervals.enabled=false"
exec java $D -Xms64m -Xmx256m -XX:+UseSerialGC -jar $1/quarkus-run.jar
