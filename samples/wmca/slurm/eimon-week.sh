#!/bin/sh
# The week's run on a Slurm cluster: one job refreshes the feed cache,
# then a job array of N tasks builds every edition, task I building
# `--place-index I/N` (task 0 also the area's edition). The tasks start
# only when the fetch succeeded (afterok) and read the cache offline.
# The tasks publish into one week's folder, out/YYYY-Www/ (the area's
# edition) and out/YYYY-Www/places/CODE/ (each place's), in any order
# and at once: each edition has its own lock, and out/.places/.eimon.lock
# orders the renames that swap them in (the shared file system must
# support flock across nodes: NFS v4, Lustre with -o flock, GPFS).
# Run from the monitor's folder on a shared file system (out_dir and
# cache_dir on it too):  sh eimon-week.sh [N]
set -eu
n=${1:-8}
week=$(date -u +%G-W%V)   # one week for every task, even across midnight
fetch=$(sbatch --parsable --job-name=eimon-fetch --time=00:15:00 \
	--wrap "eimon fetch -c monitor.yaml")
sbatch --job-name=eimon-places --dependency=afterok:"$fetch" \
	--array=0-$((n - 1)) --cpus-per-task=2 --time=00:30:00 \
	--export=ALL,EIMON_WEEK="$week",EIMON_SLICES="$n" \
	"$(dirname "$0")/eimon-places.sbatch"
