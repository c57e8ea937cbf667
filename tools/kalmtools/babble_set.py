"""tools/babble-set: a generated set with other people talking near the agent's microphone.

A call centre's agent hears the next desks on their headset microphone, 20-30 dB under
their own voice. Each call's agent channel gets the sum of three other voices of the set
(channels of the set's other calls, repeated to the call's length and shifted), scaled to
--below dB under the agent's speech power; the customer channel and the truth are
unchanged, so `tools/evaluate` scores how much of the babble becomes the agent's speech.

    tools/babble-set --set generated/ho97 --below 20 --out generated/babble97-20
"""
import argparse
import json
import os

import numpy as np

from . import audio
from .cli import progress
from .manifest import select


def main(argv=None):
    p = argparse.ArgumentParser(prog="babble-set", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", required=True, help="folder with manifest.json (made by tools/make-call)")
    p.add_argument("--below", type=float, required=True, help="babble power under the agent's speech power, dB")
    p.add_argument("--out", required=True, help="folder to write (made if missing)")
    p.add_argument("--only", default="call:clean", help="comma list of kind:condition (default call:clean)")
    a = p.parse_args(argv)
    manifest, items = select(p, a.set, a.only)
    if len(items) < 4:
        p.error(f"{a.set}: --only {a.only} gives {len(items)} recordings; the babble needs at least 4")
    signals = [audio.read_wav(os.path.join(a.set, it["file"])) for it in items]
    os.makedirs(a.out, exist_ok=True)
    written = []
    for i, it in enumerate(items):
        rate, x = signals[i]
        n = len(x)
        babble = np.zeros(n)
        others = (((i + 1) % len(items), 1), ((i + 2) % len(items), 0), ((i + 3) % len(items), 1))
        for k, (j, channel) in enumerate(others):
            babble += np.roll(np.resize(signals[j][1][:, channel], n), 7919 * (k + 1))
        with open(os.path.join(a.set, it["truth"])) as f:
            truth = json.load(f)
        speaking = np.zeros(n, bool)
        for start, end in truth["segments"]["agent"]:
            speaking[int(start * rate):int(end * rate)] = True
        babble *= np.sqrt(np.mean(x[speaking, 0] ** 2) / np.mean(babble ** 2) * 10 ** (-a.below / 10))
        y = x.copy()
        y[:, 0] += babble
        name = f"babble{a.below:g}-{it['file']}"
        audio.write_wav(os.path.join(a.out, name), rate, y)
        truth_name = name.replace(".wav", ".truth.json")
        with open(os.path.join(a.out, truth_name), "w") as f:
            json.dump(truth, f)
        written.append({**it, "file": name, "truth": truth_name})
        progress(i + 1, len(items), it["file"])
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump({**manifest, "items": written, "babble_below_db": a.below}, f, indent=1)
    print(f"{len(written)} recordings with babble {a.below:g} dB under the agent in {a.out}")


if __name__ == "__main__":
    main()
