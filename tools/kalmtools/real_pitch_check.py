"""tools/real-pitch-check: kalm's and Praat's F0 on real speech through the telephone band.

Real speech has no exactly known F0, so the reference is Praat's F0 on the wideband original.
Each AMI speaker's single-speaker stretches (trimmed to their speech, 0.5 s apart) go through
the telephone band as 8 kHz mu-law; kalm and Praat read that audio, and their gross errors
(> 20 % off the reference) are counted over the hops both call voiced, in all and in each
speaker's first 2 s of voice."""
import argparse
import csv
import os
import subprocess
import tempfile

import numpy as np

from . import audio, calls, peers, speech

FIRST_HOPS = 200


def gross(est, ref):
    """Voiced hops in both, gross errors among them, and the same over the first FIRST_HOPS."""
    n = min(len(est), len(ref))
    est, ref = est[:n], ref[:n]
    both = (est > 0) & (ref > 0)
    idx = np.flatnonzero(both)
    wrong = np.abs(est[both] / ref[both] - 1) > 0.2
    first = idx < (idx.min() + FIRST_HOPS if len(idx) else 0)
    return np.array([both.sum(), wrong.sum(), first.sum(), wrong[first].sum()])


def main(argv=None):
    p = argparse.ArgumentParser(prog="tools/real-pitch-check", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kalm", default=".build/release/kalm", help="the kalm binary (default .build/release/kalm)")
    a = p.parse_args(argv)
    by_speaker = {}
    for st in speech.ami_stretches():
        by_speaker.setdefault(st[3], []).append(st)
    if not by_speaker:
        p.error("the AMI corpus (../shared/corpus/ami) is not there")
    tmp = tempfile.mkdtemp()
    wide, tel, frames_csv = (os.path.join(tmp, n) for n in ("wide.wav", "tel.wav", "frames.csv"))
    totals = {"kalm": np.zeros(4), "praat": np.zeros(4)}
    print("| speaker | kalm: gross errors (first 2 s) | Praat: gross errors (first 2 s) |")
    print("|---|---|---|")
    for spk, sts in sorted(by_speaker.items()):
        gap = np.zeros(int(0.5 * 16000))
        x = np.concatenate([np.concatenate([calls.trimmed(speech.ami_utterance(s, 16000), 16000) * 0.25, gap])
                            for s in sts])
        audio.write_wav(wide, 16000, x)
        audio.write_wav(tel, 8000, audio.telephone(x, 16000), "mulaw")
        frames = int(len(x) / 16000 / audio.HOP_S)
        ref = peers.praat_pitch(wide, frames, 1)
        subprocess.run([a.kalm, "analyze", tel, "--frames", frames_csv, "-q"], check=True)
        with open(frames_csv) as f:
            k = np.array([float(r["f0_hz"] or 0) for r in csv.DictReader(f)])[:frames]
        row = [spk]
        for name, est in (("kalm", k), ("praat", peers.praat_pitch(tel, frames, 1))):
            c = gross(est, ref)
            totals[name] += c
            row.append(f"{100 * c[1] / max(c[0], 1):.1f} % of {int(c[0])} ({100 * c[3] / max(c[2], 1):.1f} %)")
        print("| " + " | ".join(row) + " |")
    k, pr = totals["kalm"], totals["praat"]
    print(f"| all | {100 * k[1] / k[0]:.1f} % of {int(k[0])} ({100 * k[3] / k[2]:.1f} % of {int(k[2])}) | "
          f"{100 * pr[1] / pr[0]:.1f} % of {int(pr[0])} ({100 * pr[3] / pr[2]:.1f} % of {int(pr[2])}) |")


if __name__ == "__main__":
    main()
