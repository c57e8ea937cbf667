"""tools/real-pitch-check: kalm's and Praat's F0 on real speech through the telephone band.

Real speech has no exactly known F0, so the reference is Praat's F0 on the wideband original.
Each AMI speaker's single-speaker stretches (trimmed to their speech, 0.5 s apart) go through
the telephone band as 8 kHz mu-law; kalm and Praat read that audio, and their gross errors
(> 20 % off the reference) are counted over the hops both call voiced, in all and in each
speaker's first 2 s of voice. kalm also reads the wideband original. Where Praat's reading
of the telephone audio is more than 20 % from its own reading of the original on more than
DOUBTFUL of the hops, the reference itself is in doubt: the last line leaves those speakers
out."""
import argparse
import csv
import os
import subprocess
import tempfile

import numpy as np

from . import audio, calls, peers, speech

FIRST_HOPS = 200
DOUBTFUL = 0.2


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
    names = ("kalm", "praat", "kalm wideband")
    totals = {name: np.zeros(4) for name in names}
    trusted = {name: np.zeros(4) for name in names}
    print("| speaker | kalm: gross errors (first 2 s) | Praat: gross errors (first 2 s) "
          "| kalm on the wideband original |")
    print("|---|---|---|---|")
    for spk, sts in sorted(by_speaker.items()):
        gap = np.zeros(int(0.5 * 16000))
        x = np.concatenate([np.concatenate([calls.trimmed(speech.ami_utterance(s, 16000), 16000) * 0.25, gap])
                            for s in sts])
        audio.write_wav(wide, 16000, x)
        audio.write_wav(tel, 8000, audio.telephone(x, 16000), "mulaw")
        frames = int(len(x) / 16000 / audio.HOP_S)
        ref = peers.praat_pitch(wide, frames, 1)
        counts = {name: gross(est, ref) for name, est in (
            ("kalm", kalm_pitch(a.kalm, tel, frames_csv, frames)), ("praat", peers.praat_pitch(tel, frames, 1)),
            ("kalm wideband", kalm_pitch(a.kalm, wide, frames_csv, frames)))}
        in_doubt = counts["praat"][1] > DOUBTFUL * counts["praat"][0]
        for name, c in counts.items():
            totals[name] += c
            if not in_doubt:
                trusted[name] += c
        print("| " + " | ".join([spk + (" (reference in doubt)" if in_doubt else "")]
                                + [share(counts[name]) for name in names]) + " |")
    print("| all | " + " | ".join(share(totals[name], True) for name in names) + " |")
    print("| all but the speakers whose reference is in doubt | "
          + " | ".join(share(trusted[name], True) for name in names) + " |")


def kalm_pitch(kalm, path, frames_csv, frames):
    """kalm's per-hop F0 of `path` (0 where unvoiced), `frames` hops."""
    subprocess.run([kalm, "analyze", path, "--frames", frames_csv, "-q"], check=True)
    with open(frames_csv) as f:
        return np.array([float(r["f0_hz"] or 0) for r in csv.DictReader(f)])[:frames]


def share(c, counted=False):
    """A table cell: gross errors among voiced hops, and among the first 2 s of voice."""
    first = f"{100 * c[3] / max(c[2], 1):.1f} %" + (f" of {int(c[2])}" if counted else "")
    return f"{100 * c[1] / max(c[0], 1):.1f} % of {int(c[0])} ({first})"


if __name__ == "__main__":
    main()
