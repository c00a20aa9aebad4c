#!/bin/bash
# One sample of an instance started by run.sh: epoch ms, interval events consumed, CPU ticks (utime+stime, 1/100 s).
# Usage: sample.sh PID PORT
PID=$1 PORT=$2 BIND=${CDS_BIND:-127.0.0.1}
METRICS="http://$BIND:$PORT/q/metrics"   # the measured instance's own metrics endpoint
c=$(curl -s "$METRICS" | awk '/^usage_events_consumed_total\{.*intervals/{print $2}')
t=$(awk '{print $14+$15}' "/proc/$PID/stat")
echo "$(date +%s%3N) ${c:-0} $t"
