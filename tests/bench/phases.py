#!/usr/bin/env python3
"""Where one `ctl run --rm IMAGE true` spends its time, from the scheduler's exec/exit
events (`perf script` of sched:sched_process_{exec,exit,fork}, runs separated by lines
starting with "==="). Prints the median of each phase: ctl's own steps between the
runtime's (runc create, start, delete), whose share a monitor-based design cannot avoid.
"""
import re
import sys
from collections import defaultdict

EVENT = re.compile(r"(\S+)\s+(\d+)\s+\[\d+\]\s+([\d.]+): sched:(\w+): (.*)")
ORDER = [
    ("ctl", "monitor_exec", "ctl: parse, plan, rootfs mount, bundle, records"),
    ("monitor_exec", "create_exec", "monitor: double fork, exec runtime"),
    ("create_exec", "create_exit", "runc create"),
    ("create_exit", "start_exec", "ctl: sync message, record pid, exec runc start"),
    ("start_exec", "start_exit", "runc start"),
    ("start_exit", "true_exit", "the container's process"),
    ("true_exit", "cleanup_exec", "monitor: exit file, exec ctl container cleanup"),
    ("cleanup_exec", "delete_exec", "cleanup: start, hold, exec runc delete"),
    ("delete_exec", "delete_exit", "runc delete"),
    ("delete_exit", "ctl_exit", "cleanup: unmount, remove; run returns"),
]
RUNTIME = {"runc create", "runc start", "runc delete"}


def phases(events):
    ev = {}
    tops = []
    exits = []
    for comm, pid, t, kind, rest in events:
        if kind == "sched_process_exec":
            name = re.search(r"filename=(\S+)", rest).group(1)
            if name.endswith("/ctl"):
                ev.setdefault("ctl", t) if "ctl" not in ev else ev.setdefault("cleanup_exec", t)
            elif name.endswith("ctl-monitor"):
                ev.setdefault("monitor_exec", t)
            elif name.endswith("runc") and all(p != pid for p, _ in tops):
                tops.append((pid, t))
            elif name == "/bin/true":
                ev["true_exec"] = t
        elif kind == "sched_process_exit":
            if comm == "true":
                ev["true_exit"] = t
            if comm.startswith("runc"):
                exits.append(t)
    ev["ctl_exit"] = max(t for _, _, t, k, _ in events if k == "sched_process_exit")
    for i, ((_, t), name) in enumerate(zip(tops, ["create", "start", "delete"])):
        ev[name + "_exec"] = t
        end = tops[i + 1][1] if i + 1 < len(tops) else float("inf")
        if name == "create":
            end = min(end, ev.get("true_exec", end))
        ends = [x for x in exits if t < x < end]
        ev[name + "_exit"] = max(ends) if ends else t
    return ev


def main():
    runs, cur = [], []
    for line in sys.stdin:
        if line.startswith("==="):
            runs.append(cur)
            cur = []
            continue
        m = EVENT.search(line)
        if m:
            cur.append((m.group(1), int(m.group(2)), float(m.group(3)) * 1000, m.group(4), m.group(5)))
    acc = defaultdict(list)
    for events in runs:
        if not events:
            continue
        ev = phases(events)
        for a, b, label in ORDER:
            if a in ev and b in ev:
                acc[label].append(ev[b] - ev[a])
        acc["total"].append(ev["ctl_exit"] - ev["ctl"])
    med = lambda v: sorted(v)[len(v) // 2] if v else float("nan")
    own = 0.0
    print("\nrun --rm, phase medians over %d runs (ms)" % len(runs))
    for _, _, label in ORDER:
        m = med(acc[label])
        if label not in RUNTIME and label != "the container's process":
            own += m
        print("  %-56s %7.2f" % (label, m))
    print("  %-56s %7.2f" % ("total", med(acc["total"])))
    print("  %-56s %7.2f" % ("ctl's own share (phases other than runc's and the process)", own))


if __name__ == "__main__":
    main()
