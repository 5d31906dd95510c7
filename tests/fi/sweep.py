#!/usr/bin/env python3
"""sweep.py - drive eimon-fi (eimon linked with tests/fi/fi_shim.c) over a
whole build, failing its Nth file-system call for every N, and check what
the operator documentation promises (docs/testing.md, "Fault injection"):

* a failed build exits 73 and, when the failure came before the swap,
  leaves the output folder exactly as it was (bytes, links) with no
  hidden leftovers; after the swap the new edition is complete;
* a build that exits 0 published the complete new edition, and every
  file was fsynced after its last write and before its rename, and every
  folder whose entries changed was fsynced afterwards (a staged folder
  before the swap);
* the next build after any failure succeeds and leaves no leftovers.

Usage: sweep.py SCENARIO EIMON_FI CONFIG_A CONFIG_B WEEK WORKDIR
SCENARIO: first | revision | fallback | sticky | short
Prints TAP lines ("ok - ..." / "not ok - ..."); exits 1 on a failure.
$EIMON_WRAP (valgrind) wraps every EIMON_FI_SAMPLE-th faulted run (5).
EIMON_FI_STEP=K faults every Kth call only (the sanitizer passes, whose
builds are slow), starting at a different call in each scenario."""
import hashlib
import os
import re
import shutil
import subprocess
import sys

ERRNOS = ["ENOSPC", "EIO", "EDQUOT", "EXDEV"]
SCENARIOS = ["first", "revision", "fallback", "sticky", "short"]
LEFTOVER = re.compile(r"^\..*\.(tmp|old)\.[0-9]+$")
# Calls whose failure a build may survive before the swap, by design:
# the lock file's PID is best effort, an unreadable previous manifest or
# figures file makes a revision, a failed hard link falls back to a copy.
# Closing a descriptor that was only read (a folder synced, a file read)
# cannot lose data.
# Removing a stale temporary name before creating it with O_EXCL is best
# effort: if the name really was there, the exclusive create fails.
TOLERATED = {("write", ".eimon.lock"), ("open", "r"), ("link", None),
             ("close", "r"), ("close", "d"), ("unlink", None)}


# The build locks: the area's, and the one its commit takes for the
# week's places (publish.h); each holds the PID of its last holder.
LOCKS = {".eimon.lock", ".places", ".places/.eimon.lock"}


def snapshot(top, skip_manifest=False):
    """{relpath: sha256 | '->target' | 'dir'} of a tree, without the lock
    files (they hold the PID of the last build)."""
    snap = {}
    if not os.path.isdir(top):
        return snap
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            p = os.path.join(root, name)
            rel = os.path.relpath(p, top)
            if rel in LOCKS or (skip_manifest and rel == "manifest.json"):
                continue
            if os.path.islink(p):
                snap[rel] = "->" + os.readlink(p)
            elif os.path.isdir(p):
                snap[rel] = "dir"
            else:
                with open(p, "rb") as f:
                    snap[rel] = hashlib.sha256(f.read()).hexdigest()
    return snap


def leftovers(top):
    found = []
    for root, dirs, files in os.walk(top):
        found += [os.path.join(root, n) for n in dirs + files if LEFTOVER.match(n)]
    return found


def parse_log(path):
    calls = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 5:
                    continue
                calls.append({"seq": int(parts[0]), "op": parts[1], "path": parts[2],
                              "extra": parts[3], "res": parts[4],
                              "inj": parts[-1] == "inj"})
    except FileNotFoundError:
        pass
    calls.sort(key=lambda c: c["seq"])
    return calls


def swap_seq(calls, live):
    """Sequence number of the call that put the new edition at `live`."""
    for c in calls:
        if c["res"] != "ok":
            continue
        if c["op"] == "renameat2" and live in (c["path"], c["extra"]):
            return c["seq"]
        if c["op"] == "rename" and c["extra"] == live:
            return c["seq"]
    return None


def durability(calls, out, live):
    """Problems with the order of writes, fsyncs and renames of a
    successful build (empty list when none)."""
    problems = []
    swap = swap_seq(calls, live)
    if swap is None:
        return ["no rename put the edition in place"]
    last_write, synced = {}, {}
    pending = {}  # folder -> seq of the first unsynced entry change
    for c in calls:
        op, p, s = c["op"], c["path"], c["seq"]
        if c["res"] != "ok":
            continue
        if op == "write":
            last_write[p] = s
            synced.pop(p, None)
        elif op in ("fsync", "fdatasync"):
            synced[p] = s
            pending.pop(p, None)
        elif op == "rename" and p in last_write:
            if p not in synced:
                problems.append("%s renamed to %s without an fsync after its last write"
                                % (os.path.basename(p), os.path.basename(c["extra"])))
        if op in ("rename", "renameat2", "link", "symlink", "mkdir"):
            # the folders whose entries changed
            folders = {os.path.dirname(p)}
            if op in ("rename", "renameat2"):
                folders.add(os.path.dirname(c["extra"]))
            for d in folders:
                if d == out or d.startswith(out + "/"):
                    pending.setdefault(d, s)
        if s == swap:
            for d in list(pending):
                if d != out and not d.startswith(live + "/") and d != live:
                    problems.append("folder %s changed (call %d) and was not fsynced "
                                    "before the swap" % (os.path.relpath(d, out), pending[d]))
                    del pending[d]
    for d, s in pending.items():
        problems.append("folder %s changed (call %d) and was never fsynced afterwards"
                        % (os.path.relpath(d, out) or ".", s))
    return problems


class Sweep:
    def __init__(self, argv):
        (self.scenario, self.bin, self.cfg_a, self.cfg_b, self.week,
         self.work) = argv
        self.fails = 0
        self.wrap = os.environ.get("EIMON_WRAP", "").split()
        self.sample = int(os.environ.get("EIMON_FI_SAMPLE", "5"))
        self.out = os.path.join(self.work, "out")
        self.live = os.path.join(self.out, self.week)
        self.pristine = os.path.join(self.work, "pristine")
        self.log = os.path.join(self.work, "fi.log")

    def check(self, what, problems):
        if problems:
            print("not ok - %s" % what)
            for p in problems[:12]:
                print("    %s" % p)
            if len(problems) > 12:
                print("    ... %d more" % (len(problems) - 12))
            self.fails += 1
        else:
            print("ok - %s" % what)

    def run(self, cfg, env_extra, wrap=False):
        env = dict(os.environ)
        for k in list(env):
            if k.startswith("EIMON_FI_"):
                del env[k]
        env.update({"EIMON_FI_PREFIX": self.out, "EIMON_FI_LOG": self.log,
                    "EIMON_FI_NO_SYNC": "1"})
        if self.scenario == "fallback":
            env["EIMON_FI_NO_EXCHANGE"] = "1"
        env.update(env_extra)
        if os.path.exists(self.log):
            os.unlink(self.log)
        cmd = (self.wrap if wrap else []) + [
            self.bin, "build", "-c", cfg, "--week", self.week, "--offline",
            "--out", self.out]
        r = subprocess.run(cmd, env=env, capture_output=True, text=True)
        return r.returncode, r.stderr, parse_log(self.log)

    def restore(self):
        shutil.rmtree(self.out, ignore_errors=True)
        if os.path.isdir(self.pristine):
            shutil.copytree(self.pristine, self.out, symlinks=True)

    def prepare(self):
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        if self.scenario != "first":
            rc, err, _ = self.run(self.cfg_a, {"EIMON_FI_PREFIX": "/nonexistent"})
            if rc != 0:
                self.check("the first edition is built", [err.strip()])
                return False
            shutil.copytree(self.out, self.pristine, symlinks=True)
        self.restore()
        self.before = snapshot(self.out)
        return True

    def tolerated(self, call):
        for op, what in TOLERATED:
            if call["op"] != op:
                continue
            if what is None or call["extra"] == what or \
                    os.path.basename(call["path"]) == what:
                return True
        return False

    def main(self):
        if not self.prepare():
            return 1
        rc, err, calls = self.run(self.cfg_b, {})
        self.check("%s: the build without faults exits 0 (exit %d)" % (self.scenario, rc),
                   [] if rc == 0 else [err.strip()])
        ref = snapshot(self.live, skip_manifest=True)
        self.check("%s: every file fsynced before its rename, every changed folder after"
                   % self.scenario, durability(calls, self.out, self.live))
        if self.scenario == "fallback":
            names = sorted(os.listdir(self.out))
            self.check("fallback: the swap by two renames leaves exactly the new edition, "
                       "latest and the lock (%s)" % " ".join(names),
                       [] if names == [".eimon.lock", ".places", self.week, "latest"] else
                       ["found %s" % names])
            old = {k: v for k, v in self.before.items() if k.startswith(self.week + "/")}
            prev = snapshot(os.path.join(self.live, "previous", "1"))
            want = {os.path.relpath(k, self.week): v for k, v in old.items()}
            self.check("fallback: the old edition is kept whole under previous/1/",
                       [] if prev == want else ["previous/1 differs from the old edition"])
        if self.scenario == "short":
            return self.short(ref)
        total = len(calls)
        if total < 10:
            self.check("%s: the build makes file-system calls in the output folder (%d)"
                       % (self.scenario, total), ["too few calls"])
            return 1
        bad, n_fail, n_ok = [], 0, 0
        step = int(os.environ.get("EIMON_FI_STEP", "1"))
        step *= 3 if self.scenario == "sticky" else 1
        start = 1 + SCENARIOS.index(self.scenario) % step
        for n in range(start, total + 2, step):
            errno = "ENOSPC" if self.scenario == "sticky" else ERRNOS[n % len(ERRNOS)]
            extra = {"EIMON_FI_FAIL": str(n), "EIMON_FI_ERRNO": errno}
            if self.scenario == "sticky":
                extra["EIMON_FI_STICKY"] = "1"
            self.restore()
            wrap = bool(self.wrap) and n % self.sample == 0
            rc, err, got = self.run(self.cfg_b, extra, wrap)
            inj = [c for c in got if c["inj"] and c["seq"] >= n]
            first = inj[0] if inj else None
            where = "call %d (%s %s, %s)" % (n, first["op"], os.path.relpath(
                first["path"], self.out), errno) if first else "call %d (none)" % n
            swap = swap_seq(got, self.live)
            pre = first is not None and (swap is None or first["seq"] < swap)
            now = snapshot(self.out)
            left = leftovers(self.out)
            if rc == 0:
                n_ok += 1
                if pre and not self.tolerated(first):
                    bad.append("%s: exit 0 after a failed call before the swap" % where)
                if snapshot(self.live, skip_manifest=True) != ref and not (
                        first and first["op"] == "open" and first["extra"] == "r"):
                    bad.append("%s: exit 0 but the edition is not the new one" % where)
                probs = durability(got, self.out, self.live)
                if probs:
                    bad.append("%s: exit 0 but %s" % (where, probs[0]))
            else:
                n_fail += 1
                if rc != 73:
                    bad.append("%s: exit %d, want 73: %s" % (where, rc, err.strip()))
                if err.count("\n") > 1:
                    bad.append("%s: more than one line on stderr" % where)
                if pre or swap is None:
                    if now != self.before:
                        diff = sorted(set(now.items()) ^ set(self.before.items()))
                        bad.append("%s: exit %d but the output folder changed: %s"
                                   % (where, rc, diff[:3]))
                    if left:
                        bad.append("%s: exit %d and leftovers %s" % (where, rc, left[:3]))
                elif snapshot(self.live, skip_manifest=True) != ref:
                    bad.append("%s: failed after the swap but the edition is not "
                               "the complete new one" % where)
            # The next build repairs whatever the failed one left.
            if rc != 0 or left:
                rc2, err2, _ = self.run(self.cfg_b, {"EIMON_FI_PREFIX": "/nonexistent"})
                if rc2 != 0 or leftovers(self.out) or \
                        snapshot(self.live, skip_manifest=True) != ref:
                    bad.append("%s: the next build (exit %d) does not leave the new "
                               "edition without leftovers %s" % (where, rc2, err2.strip()))
                lt = os.path.join(self.out, "latest")
                if not os.path.islink(lt) or os.readlink(lt) != self.week:
                    bad.append("%s: latest is not %s after the next build" % (where, self.week))
        self.check("%s: failing each of %d calls (%s): %d builds exit 73 with the output "
                   "folder as it was or the new edition complete, %d succeed correctly"
                   % (self.scenario, total, "ENOSPC from then on" if step == 3 else
                      "ENOSPC/EIO/EDQUOT/EXDEV", n_fail, n_ok), bad)
        return 1 if self.fails else 0

    def short(self, ref):
        self.restore()
        rc, err, got = self.run(self.cfg_b, {"EIMON_FI_SHORT": "4096"})
        probs = [] if rc == 0 else ["exit %d: %s" % (rc, err.strip())]
        if rc == 0 and snapshot(self.live, skip_manifest=True) != ref:
            probs.append("the edition differs from one written in whole writes")
        writes = sum(1 for c in got if c["op"] == "write")
        self.check("short writes (4096 bytes at most, %d writes): the same edition" % writes,
                   probs + durability(got, self.out, self.live))
        return 1 if self.fails else 0


if __name__ == "__main__":
    sys.exit(Sweep(sys.argv[1:]).main())
