"""tools/tones-check: call-progress tones must not become the customer's speech.

Each chosen recording of a generated set gets, on the customer's channel, 15 s of ringback
before the call (425 Hz, 1 s on, 4 s off: the European tone) and 8 s of busy tone after it
(425 Hz, 0.5 s on, 0.5 s off), as a recording that starts while the phone rings and ends
after the customer hangs up. kalm analyses each copy; reported are the seconds of customer
speech and the events (other than pauses) inside the tone stretches, which hold no speech.

    tools/tones-check --set generated/eval --only escalation:tel
"""
import argparse
import os
import subprocess
import sys
import tempfile

from .evaluate import run_kalm
from .manifest import select

RINGBACK_S, BUSY_S = 15.0, 8.0


def tone_tracks(folder, rate):
    """Stereo files (agent silent, customer the tone) of the ringback and the busy tone at
    `rate` Hz, written in `folder`: {"ring": path, "busy": path}."""
    tracks = {}
    for name, on, off, seconds in (("ring", 1.0, 4.0, RINGBACK_S), ("busy", 0.5, 0.5, BUSY_S)):
        tone = os.path.join(folder, f"{name}-{rate}.wav")
        subprocess.run(["sox", "-n", "-r", rate, "-c", "1", "-b", "16", tone, "synth", str(on), "sine", "425",
                        "vol", "0.15", "pad", "0", str(off), "repeat", str(int(seconds / (on + off)) - 1)], check=True)
        silent = os.path.join(folder, f"{name}-{rate}-silent.wav")
        subprocess.run(["sox", "-n", "-r", rate, "-c", "1", "-b", "16", silent, "trim", "0", str(seconds)], check=True)
        tracks[name] = os.path.join(folder, f"{name}-{rate}-stereo.wav")
        subprocess.run(["sox", "-M", silent, tone, tracks[name]], check=True)
    return tracks


def main(argv=None):
    p = argparse.ArgumentParser(prog="tones-check", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", default="generated/eval", help="folder with manifest.json (made by tools/make-call)")
    p.add_argument("--only", default="escalation:tel", help="comma list of kind:condition (default escalation:tel)")
    p.add_argument("--kalm", default=os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "kalm"))
    a = p.parse_args(argv)
    if not os.access(a.kalm, os.X_OK):
        p.error(f"{a.kalm}: no kalm binary there (swift build -c release)")
    _, items = select(p, a.set, a.only)
    speech_s, events = 0.0, 0
    tones_at = {}
    with tempfile.TemporaryDirectory(prefix="kalm-tones-") as tmp:
        for n, it in enumerate(items, 1):
            src = os.path.join(a.set, it["file"])
            rate = subprocess.run(["soxi", "-r", src], capture_output=True, text=True, check=True).stdout.strip()
            if rate not in tones_at:
                tones_at[rate] = tone_tracks(tmp, rate)
            tones = tones_at[rate]
            call = os.path.join(tmp, "call.wav")
            subprocess.run(["sox", src, "-e", "signed", "-b", "16", call], check=True)
            out = os.path.join(tmp, it["file"])
            subprocess.run(["sox", tones["ring"], call, tones["busy"], out], check=True)
            busy_start = RINGBACK_S + float(
                subprocess.run(["soxi", "-D", call], capture_output=True, text=True, check=True).stdout)
            rows, evs, _ = run_kalm(a.kalm, out, tmp)
            in_tones = lambda t: t < RINGBACK_S or t >= busy_start
            speech_s += sum(1 for r in rows["customer"] if r["speech"] == "1" and in_tones(float(r["t"]))) / 100
            events += sum(1 for e in evs if e["type"] != "pause" and in_tones(e["t"]))
            if sys.stderr.isatty():
                print(f"\r{n}/{len(items)}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{len(items)} recordings with ringback and busy tone: customer speech in the tones "
          f"{speech_s:.2f} s, events in the tones {events}")


if __name__ == "__main__":
    main()
