"""tools/latency: audio-to-screen latency of the agent's cues, measured on the real HUD.

Each call is replayed at real pace by `kalm replay` in a pseudo-terminal (the live analysis,
the live HUD), while this tool timestamps every byte the HUD writes. `kalm analyze` on the
same file gives each cue's call time t: the hop whose frame met the criterion. The replay
feeds the hop starting at t at (start + t), which is when a live capture would have that
hop's last sample plus one 10 ms period later, so start + t + 0.01 is the moment the hop had
been spoken and fully captured live, and the HUD lags the replay by the same period. The
latency of a cue is therefore (time its line appears) - (start + t), with start taken as the
moment the replay process is spawned: an upper bound (the process start-up counts as delay).
Several calls run side by side (each needs about 1 % of a core).
"""

import argparse
import fcntl
import json
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CUE_LINE = re.compile(rb">> ([^<\x1b]+?) <<")


def analysed_cues(kalm, call):
    """The cues `kalm analyze` gives for `call`, as (t, kind)."""
    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "events.jsonl"
        subprocess.run([kalm, "analyze", str(call), "--events", str(events)], check=True,
                       stdout=subprocess.DEVNULL)
        cues = []
        for line in events.read_text().splitlines():
            e = json.loads(line)
            if e["type"] == "cue":
                cues.append((e["t"], e["cue"]))
        return cues


def screen_cues(kalm, call):
    """Replays `call` on the HUD in a pseudo-terminal; returns the spawn time and, for every
    cue line that appears, (monotonic time, text)."""
    pid, master = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = dict(os.environ, TERM="xterm", LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8")
        os.execve(kalm, [kalm, "replay", str(call), "--lang", "en"], env)
    start = time.monotonic()
    seen = []
    pending = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        now = time.monotonic()
        pending += chunk
        last = 0
        for m in CUE_LINE.finditer(pending):
            text = m.group(1).decode(errors="replace")
            # A redraw of a cue still on screen (shown for 20 s) is not a new cue.
            if not seen or seen[-1][1] != text or now - seen[-1][0] > 20:
                seen.append((now, text))
            last = m.end()
        pending = pending[last:][-200:]
    os.waitpid(pid, 0)
    return start, seen


def measure(kalm, call):
    """Per cue of `call`: (kind, call time, latency in s or None when it never appeared)."""
    cues = analysed_cues(kalm, call)
    start, seen = screen_cues(kalm, call)
    results = []
    appearances = iter(seen)
    for t, kind in cues:
        shown = next(appearances, None)
        results.append((kind, t, None if shown is None else shown[0] - (start + t)))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("calls", nargs="+", type=Path, help="recordings with cues (e.g. generated/eval/esc-*.wav)")
    parser.add_argument("--kalm", default=".build/release/kalm")
    parser.add_argument("--parallel", type=int, default=6, help="calls replayed side by side")
    args = parser.parse_args()
    kalm = os.path.abspath(args.kalm)
    with ThreadPoolExecutor(args.parallel) as pool:
        per_call = list(pool.map(lambda c: (c, measure(kalm, c)), args.calls))
    latencies = []
    for call, results in per_call:
        for kind, t, latency in results:
            shown = "never shown" if latency is None else f"{latency * 1000:.0f} ms"
            print(f"{call.name:32} {t:8.2f} s  {kind:12} {shown}")
            if latency is not None:
                latencies.append(latency)
    missing = sum(latency is None for _, results in per_call for *_, latency in results)
    if not latencies:
        print("no cues shown", file=sys.stderr)
        return 1
    print(f"\n{len(latencies)} cues shown, {missing} never shown; audio-to-screen latency "
          f"median {statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
          f"(upper bounds: process start-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
