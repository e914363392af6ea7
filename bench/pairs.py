#!/usr/bin/env python3
"""Interleaved timing: ours and theirs in the same rounds.

hyperfine times one command's runs back to back, then the next command's. On a shared VM the
machine drifts between two such batches: the empty-target baseline moved by 50-70 ms, more than a
warm-cache fetch costs, and a disk-bound command by a factor of two. Here every round runs each
command once, in turn, each after the same untimed prepare step (ending in sync), so drift lands
on all of them alike, and each figure is taken within a round before the median over rounds:

    ours  = A - B   (B, optional, is a baseline such as the empty target of the same project)
    theirs = C - D  (D optional)
    ratio = median over rounds of ours / theirs

    pairs.py --runs N [--prepare CMD] [--before NAME=CMD ...] --out FILE.json --ours A[:B] --theirs C[:D] [--theirs E ...] NAME=CMD ...

--before gives one command an untimed step of its own, after --prepare: deleting that command's
own last output there, rather than every output in --prepare, means each command follows the
deletion of what it wrote itself. With one shared prepare, whichever command ran right after the
empty target followed no deletion at all, and on this VM a command that follows the freeing of a
gigabyte of page cache runs 0.1-0.15 s slower (P3, round 4): the bench favoured the competitor.

Prints one line: OURS_MEDIAN, then THEIRS_MEDIAN RATIO_MEDIAN for each --theirs (seconds, ratio). The first
round is a warm-up (file cache, runtime caches) and is not counted, as hyperfine's --warmup 1.
"""
import argparse
import json
import statistics
import subprocess
import time


def timed(command: str) -> float:
    started = time.perf_counter()
    subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def series(times: dict, spec: str) -> list:
    names = spec.split(":")
    values = times[names[0]]
    if len(names) == 2:
        values = [a - b for a, b in zip(values, times[names[1]])]
    return values


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--prepare", default="true")
    parser.add_argument("--out", required=True)
    parser.add_argument("--ours", required=True)
    parser.add_argument("--theirs", required=True, action="append")
    parser.add_argument("--before", action="append", default=[], help="NAME=COMMAND")
    parser.add_argument("commands", nargs="+", help="NAME=COMMAND")
    args = parser.parse_args()
    commands = [c.split("=", 1) for c in args.commands]
    before = dict(b.split("=", 1) for b in args.before)

    times = {name: [] for name, _ in commands}
    for _ in range(args.runs + 1):
        for name, command in commands:
            subprocess.run(f"{args.prepare} && {before.get(name, 'true')} && sync", shell=True, check=True)
            times[name].append(timed(command))
    times = {name: values[1:] for name, values in times.items()}

    ours = series(times, args.ours)
    theirs = [series(times, spec) for spec in args.theirs]
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"times": times, "ours": ours, "theirs": theirs}, out)
    line = [f"{statistics.median(ours):.3f}"]
    for values in theirs:
        line += [f"{statistics.median(values):.3f}", f"{statistics.median(o / t for o, t in zip(ours, values)):.2f}"]
    print(" ".join(line))

if __name__ == "__main__":
    main()
