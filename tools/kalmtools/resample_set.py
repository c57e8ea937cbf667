"""tools/resample-set: a generated set at another sample rate, with the same truth.

Every audio file of the set (or of the chosen kinds and conditions) is resampled with sox
and written beside a link to its truth file, under a manifest listing just those items. The
truth is in seconds, so `tools/evaluate` scores the copy as it scores the original: a check
that kalm's analysis does not depend on the rate it was developed at.

    tools/resample-set --set generated/eval --rate 48000 --out generated/rate48 \\
        --only call:clean,call:echo12,escalation:clean,pitch:clean,tempo:clean

With --codec every channel goes through a mobile network's codec instead: gsm (the
telephone band, GSM 06.10 full rate, 8 kHz, as make-call's gsm condition) or amr-nb (the
telephone band, AMR 12.2 kbit/s, 8 kHz): noisy, echoed or room calls as a mobile phone
would carry them.

    tools/resample-set --set generated/ho97 --codec gsm --out generated/gsm97 \\
        --only call:clean,call:tel,call:pink15,call:pink5,call:echo12,call:room
"""
import argparse
import json
import os
import subprocess

import numpy as np

from . import audio
from .cli import progress
from .manifest import select


CODECS = {
    "gsm": (audio.gsm, 8000),
    "amr-nb": (audio.amr, 8000),
}


def convert(src, dst, rate, codec):
    """Writes `src` resampled to `rate`, or through `codec`, as `dst`."""
    if codec:
        src_rate, x = audio.read_wav(src)
        x = x.reshape(len(x), -1)
        code, out_rate = CODECS[codec]
        audio.write_wav(dst, out_rate, np.stack([code(x[:, c], src_rate) for c in range(x.shape[1])], axis=1))
    else:
        subprocess.run(["sox", src, "-r", str(rate), dst], check=True)


def main(argv=None):
    p = argparse.ArgumentParser(prog="resample-set", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", required=True, help="folder with manifest.json (made by tools/make-call)")
    p.add_argument("--rate", type=int, help="new sample rate in Hz (8000-192000)")
    p.add_argument("--codec", choices=sorted(CODECS), help="through a mobile codec instead")
    p.add_argument("--out", required=True, help="folder to write (made if missing)")
    p.add_argument("--only", default="", help="comma list of kind:condition to keep (default: all)")
    a = p.parse_args(argv)
    if (a.codec is None) == (a.rate is None):
        p.error("give either --rate or --codec")
    if a.rate is not None and not 8000 <= a.rate <= 192000:
        p.error(f"--rate {a.rate}: must be 8000-192000 Hz")
    manifest, items = select(p, a.set, a.only)
    os.makedirs(a.out, exist_ok=True)
    for n, it in enumerate(items, 1):
        for key in ("file", "without_echo"):
            if key in it:
                convert(os.path.join(a.set, it[key]), os.path.join(a.out, it[key]), a.rate, a.codec)
        truth = os.path.join(a.out, it["truth"])
        if os.path.lexists(truth):
            os.remove(truth)
        os.symlink(os.path.abspath(os.path.join(a.set, it["truth"])), truth)
        progress(n, len(items), it["file"])
    print(f"{len(items)} files {f'through {a.codec}' if a.codec else f'at {a.rate} Hz'} in {a.out}")
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump({**manifest, "items": items, "resampled_to": CODECS[a.codec][1] if a.codec else a.rate,
                   "codec": a.codec}, f, indent=1)


if __name__ == "__main__":
    main()
