#!/bin/bash
# threads.sh PID: CPU ticks (utime+stime, 10 ms) of each thread of PID, by name
for t in /proc/$1/task/*; do echo "$(cat $t/comm 2>/dev/null)|$(awk '{print $14+$15}' $t/stat 2>/dev/null)"; done | awk -F'|' '{s[$1]+=$2} END {for (k in s) print k "|" s[k]}' | sort
