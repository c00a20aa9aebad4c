#!/bin/bash
# alloc.sh APPDIR PID PORT NAME CALLS: a JFR recording (settings=profile) around CALLS meter-year calls (+5 warm-up) of
# Year.java; prints the calls' line and the bytes every thread of PID allocated per call (jdk.ThreadAllocationStatistics,
# exact per-thread totals; the jdk.ObjectAllocationSample weights are biased samples). CLIENT, METER, SECRETS as Year.java.
jcmd $2 JFR.start name=$4 settings=profile filename=$PWD/$4.jfr > /dev/null
java -cp "$1/lib/main/*:." Year $3 $5 $2 ${METER:-md_dqfxragjqjxamth3qdiymsvs} | tail -1
jcmd $2 JFR.stop name=$4 > /dev/null
jfr print --events jdk.ThreadAllocationStatistics $4.jfr | awk -v n=$(( $5 + 5 )) '
  /allocated = /{a=$3; u=$4; gsub(/,/,"",a); if(u ~ /kB/) a*=1024; else if (u ~ /MB/) a*=1048576; else if (u ~ /GB/) a*=1073741824}
  /thread = /{t=$0; if (!(t in first)) first[t]=a; last[t]=a}
  END {for (t in last) s+=last[t]-first[t]; printf "allocation %.1f MB per call (%d calls incl. warm-up)\n", s/n/1048576, n}'
