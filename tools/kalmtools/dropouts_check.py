"""tools/dropouts-check: lost packets on a VoIP line must not become speech.

Each chosen recording of a generated set is copied with dropouts, as a VoIP line that loses
packets leaves them: 20-60 ms of zeros on both channels, one every 1-3 s (seeded). kalm
analyses the original and the copy; reported per condition are the parties' speech in both
and the speech hops gained and lost by the dropouts (outside the dropouts themselves).

    tools/dropouts-check --set generated/eval --only call:pink15,call:echo12
"""
import argparse
import os
import tempfile

import numpy as np

from . import audio
from .cli import add_kalm_option, progress, require_kalm
from .evaluate import run_kalm
from .manifest import select


def with_dropouts(x, rate, seed=3):
    """`x` (samples x channels) with the dropouts, and a per-hop mask of the hops they touch."""
    rng = np.random.default_rng(seed)
    y = x.copy()
    touched = np.zeros(len(x) // (rate // 100) + 1, bool)
    t = 1.0
    while t < len(x) / rate - 1:
        start, n = int(t * rate), int(rng.uniform(0.02, 0.06) * rate)
        y[start:start + n] = 0
        touched[start // (rate // 100):(start + n) // (rate // 100) + 1] = True
        t += rng.uniform(1.0, 3.0)
    return y, touched


def main(argv=None):
    p = argparse.ArgumentParser(prog="dropouts-check", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", default="generated/eval", help="folder with manifest.json (made by tools/make-call)")
    p.add_argument("--only", default="call:clean,call:tel,call:pink15,call:pink5,call:echo20,call:echo12",
                   help="comma list of kind:condition")
    add_kalm_option(p)
    a = p.parse_args(argv)
    require_kalm(p, a.kalm)
    _, items = select(p, a.set, a.only)
    rows = {}
    with tempfile.TemporaryDirectory(prefix="kalm-dropouts-") as tmp:
        for n, it in enumerate(items, 1):
            src = os.path.join(a.set, it["file"])
            rate, x = audio.read_wav(src)
            y, touched = with_dropouts(x.reshape(len(x), -1), rate)
            lossy = os.path.join(tmp, "lossy-" + os.path.basename(it["file"]))
            audio.write_wav(lossy, rate, y, encoding="float")
            original, _, _ = run_kalm(a.kalm, src, tmp)
            dropped, _, _ = run_kalm(a.kalm, lossy, tmp)
            acc = rows.setdefault(it.get("condition"), [0, 0, 0, 0])
            for party in ("agent", "customer"):
                for k, (r, d) in enumerate(zip(original[party], dropped[party])):
                    if k < len(touched) and touched[k]:
                        continue
                    before, after = r["speech"] == "1", d["speech"] == "1"
                    acc[0] += before
                    acc[1] += after
                    acc[2] += after and not before
                    acc[3] += before and not after
            progress(n, len(items))
    print("| condition | speech without dropouts | with | gained | lost |")
    print("|---|---|---|---|---|")
    for cond, (before, after, gained, lost) in rows.items():
        print(f"| {cond} | {before / 100:.1f} s | {after / 100:.1f} s | {gained / 100:.2f} s | {lost / 100:.2f} s |")


if __name__ == "__main__":
    main()
