#!/bin/bash
# Per-interval figures of a sample file: rows consumed, JVM CPU µs per row, wall rows/s.  Usage: rates.sh FILE
awk 'NR>1{dr=$2-pr; dt=$3-pt; dw=$1-pw; if (dr>0) printf "%d rows  %.1f us/row cpu  %.0f rows/s wall\n", $2, dt*10000/dr, dr*1000/dw} {pr=$2;pt=$3;pw=$1}' "$1"
