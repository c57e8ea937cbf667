"""tools/benchmark: speed and memory of `kalm analyze`, next to peer tools on the same files.

Makes 60-minute stereo calls (the bundled call repeated) at 16 kHz PCM and 8 kHz mu-law,
and the 16 kHz one with pink noise at about -50 dBFS under it (the bundled call has digital
silence between its turns, whose spectrum kalm does not transform; a line's noise leaves
none), then reports, as the median of three runs each (--runs):
  - kalm analyze (frames CSV, events, summary) wall time and real-time factor;
  - aubio (aubiopitch -p yinfft) and Praat (To Pitch (ac), via parselmouth) on the same file;
  - peak memory of kalm analyze for 1, 10 and 60 minutes (flat = independent of length);
  - kalm-bench: heap allocations per hop after warm-up (must be 0) and the DSP path alone.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURE = os.path.join(ROOT, "Fixtures", "demo-call.flac")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def make_long(folder, minutes, rate, encoding, noisy=False):
    name = os.path.join(folder, f"call-{minutes}min-{rate // 1000}k-{encoding}{'-noise' if noisy else ''}.wav")
    if not os.path.exists(name):
        log(f"making {name}")
        if noisy:
            clean = make_long(folder, minutes, rate, encoding)
            with tempfile.TemporaryDirectory() as d:
                noise = os.path.join(d, "noise.wav")
                subprocess.run(["sox", "-n", "-r", str(rate), "-c", "2", noise, "synth", str(minutes * 60),
                                "pinknoise", "vol", "0.003"], check=True, stderr=subprocess.DEVNULL)
                subprocess.run(["sox", "-m", "-v", "1", clean, "-v", "1", noise, "-b", "16", name],
                               check=True, stderr=subprocess.DEVNULL)
            return name
        repeats = [FIXTURE] * (minutes + 1)
        args = ["-e", "u-law"] if encoding == "mulaw" else ["-b", "16"]
        subprocess.run(["sox", *repeats, "-r", str(rate), *args, name, "trim", "0", str(minutes * 60)],
                       check=True, stderr=subprocess.DEVNULL)
    return name


def timed_once(cmd):
    """Wall seconds and peak RSS (KiB) of one command, via /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, *cmd], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        rss = int(t.read().strip().splitlines()[-1])
    return wall, rss


def timed(cmd, runs=1):
    """Median wall seconds and largest peak RSS (KiB) of `runs` runs of one command (the
    first run of a file after it was written or after other work is often slower)."""
    results = [timed_once(cmd) for _ in range(runs)]
    return statistics.median(w for w, _ in results), max(r for _, r in results)


def praat_script(path):
    return ["python3", "-c",
            "import parselmouth,sys; s=parselmouth.Sound(sys.argv[1]); "
            "[s.extract_channel(c).to_pitch_ac(time_step=0.01, pitch_floor=60, pitch_ceiling=500) "
            "for c in (1, 2)]", path]


def aubio_cmds(path, rate):
    hop = rate // 100
    buf = 1024 if rate > 8000 else 512
    return [["aubiopitch", "-i", path, "-p", "yinfft", "-r", str(rate), "-H", str(hop), "-B", str(buf)]]


def main(argv=None):
    p = argparse.ArgumentParser(prog="benchmark", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--folder", default=os.path.join(ROOT, "generated", "bench"))
    p.add_argument("--skip-praat", action="store_true", help="Praat on an hour takes minutes")
    p.add_argument("--runs", type=int, default=3, help="runs per tool and file; the median is reported (default 3)")
    a = p.parse_args(argv)
    os.makedirs(a.folder, exist_ok=True)
    kalm = os.path.join(ROOT, ".build", "release", "kalm")
    bench = os.path.join(ROOT, ".build", "release", "kalm-bench")
    subprocess.run(["swift", "build", "-c", "release", "--package-path", ROOT], check=True,
                   stdout=subprocess.DEVNULL)
    # kalm's outputs for the timed runs; removed when the benchmark ends.
    scratch = tempfile.TemporaryDirectory(prefix="kalm-bench-")
    out = scratch.name
    rows = ["| file | tool | wall s | x real time | peak RSS MiB |", "|---|---|---|---|---|"]
    for rate, enc, noisy in ((16000, "pcm", False), (16000, "pcm", True), (8000, "mulaw", False)):
        path = make_long(a.folder, 60, rate, enc, noisy)
        label = f"60 min stereo {rate // 1000} kHz {enc}{' in noise' if noisy else ''}"
        wall, rss = timed([kalm, "analyze", path, "-q", "--frames", f"{out}/f.csv", "--events", f"{out}/e.jsonl",
                           "--summary", f"{out}/s.json"], a.runs)
        rows.append(f"| {label} | kalm analyze (both parties, all outputs) | {wall:.2f} | {3600 / wall:.0f} | {rss / 1024:.0f} |")
        log(rows[-1])
        aubio_wall, aubio_rss = 0.0, 0
        for cmd in aubio_cmds(path, rate):
            w, r = timed(cmd, a.runs)
            aubio_wall += w
            aubio_rss = max(aubio_rss, r)
        rows.append(f"| {label} | aubiopitch yinfft (pitch only, downmix) | {aubio_wall:.2f} | {3600 / aubio_wall:.0f} | {aubio_rss / 1024:.0f} |")
        log(rows[-1])
        if not a.skip_praat:
            w, r = timed(praat_script(path), a.runs)
            rows.append(f"| {label} | Praat To Pitch (ac), both channels | {w:.2f} | {3600 / w:.0f} | {r / 1024:.0f} |")
            log(rows[-1])
    mem = ["| length | kalm analyze peak RSS MiB |", "|---|---|"]
    for minutes in (1, 10, 60):
        path = make_long(a.folder, minutes, 16000, "pcm")
        _, rss = timed([kalm, "analyze", path, "-q", "--frames", f"{out}/f.csv", "--events", f"{out}/e.jsonl"])
        mem.append(f"| {minutes} min | {rss / 1024:.1f} |")
    result = subprocess.run([bench, "600"], capture_output=True, text=True)
    print("\n".join(rows))
    print()
    print("\n".join(mem))
    print()
    print(result.stdout.strip())
    if result.returncode != 0:
        sys.exit("kalm-bench: the per-hop path allocated")


if __name__ == "__main__":
    main()
