#!/bin/sh
# run_one.sh LOGDIR TEST - run one unit test binary or end-to-end script
# (tests/run.sh starts these, several at once), keeping its output in
# LOGDIR/NAME.out, its exit status in NAME.rc and its wall time in
# milliseconds in NAME.ms.
set -u
log=$1 t=$2
case "$t" in
*.sh) name=$(basename "$t" .sh) ;;
*) name=$(basename "$t") ;;
esac
t0=$(date +%s%N)
case "$t" in
*.sh) (cd "$EIMON_TOP" && sh "$t") ;;
*) (cd "$EIMON_TOP" && ${EIMON_WRAP:-} "$t") ;;
esac >"$log/$name.out" 2>&1
echo $? >"$log/$name.rc"
t1=$(date +%s%N)
echo $(((t1 - t0) / 1000000)) >"$log/$name.ms"
