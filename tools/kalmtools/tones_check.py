"""tools/tones-check: the network's tones must not become the customer's speech.

Each chosen recording of a generated set gets, on the customer's channel, 10 s of DTMF
key presses (a customer keying a number into the voice menu: 16 presses of a phone's 12
keys, 70-250 ms with 80-500 ms between them, each tone at -12 to -24 dBFS, the two up to
4 dB apart), then 15 s of ringback (425 Hz, 1 s on, 4 s off: the European tone) before
the call and 8 s of busy tone after it (425 Hz, 0.5 s on, 0.5 s off), as a recording that
starts in the voice menu and ends after the customer hangs up. kalm analyses each copy;
reported are, per stretch, the seconds of customer speech and the events (other than
pauses) inside it: it holds no speech. Also reported: how many of the customer's speech hops inside the call differ from
the call analysed alone (lost: speech alone, not with the tones around it; gained: the
other way round), from the call's third second on (the tone stretches are digital silence,
so a call's background noise starts abruptly, and the floor takes a moment to find it).

    tools/tones-check --set generated/eval --only escalation:tel
"""
import argparse
import os
import subprocess
import tempfile

import numpy as np

from . import audio
from .cli import add_kalm_option, progress, require_kalm
from .evaluate import run_kalm
from .manifest import select

KEYS_S, RINGBACK_S, BUSY_S = 10.0, 15.0, 8.0
SETTLE_HOPS = 200
# A phone's keypad: 1-9, *, 0, # (the fourth column's A-D, 1633 Hz, is not on it).
DTMF_ROWS, DTMF_COLUMNS = (697, 770, 852, 941), (1209, 1336, 1477)


def key_presses(rate, seed=1):
    """KEYS_S seconds of 16 DTMF key presses at `rate` Hz (see the module's description)."""
    rng = np.random.default_rng(seed)
    out = np.zeros(int(KEYS_S * rate))
    t = 0.5
    for _ in range(16):
        on = rng.uniform(0.07, 0.25)
        n = np.arange(int(on * rate)) / rate
        level = 10 ** (rng.uniform(-24, -12) / 20) * np.sqrt(2)
        twist = 10 ** (rng.uniform(-4, 4) / 20)
        key = level * (np.sin(2 * np.pi * rng.choice(DTMF_ROWS) * n)
                       + twist * np.sin(2 * np.pi * rng.choice(DTMF_COLUMNS) * n))
        start = int(t * rate)
        out[start:start + len(key)] = key
        t += on + rng.uniform(0.08, 0.5)
    assert t < KEYS_S
    return out


def tone_tracks(folder, rate):
    """Stereo files (agent silent, customer the tone) of the key presses, the ringback and
    the busy tone at `rate` Hz, written in `folder`: {"keys": path, "ring": path, "busy": path}."""
    tracks = {"keys": os.path.join(folder, f"keys-{rate}.wav")}
    keys = key_presses(int(rate))
    audio.write_wav(tracks["keys"], int(rate), np.stack([np.zeros_like(keys), keys], axis=1))
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
    add_kalm_option(p)
    a = p.parse_args(argv)
    require_kalm(p, a.kalm)
    _, items = select(p, a.set, a.only)
    stretches = ("keys", "ringback", "busy")
    speech_s = dict.fromkeys(stretches, 0.0)
    events = dict.fromkeys(stretches, 0)
    inside, lost, gained = 0, 0, 0
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
            subprocess.run(["sox", tones["keys"], tones["ring"], call, tones["busy"], out], check=True)
            busy_start = KEYS_S + RINGBACK_S + float(
                subprocess.run(["soxi", "-D", call], capture_output=True, text=True, check=True).stdout)

            def stretch(t):
                if t < KEYS_S:
                    return "keys"
                if t < KEYS_S + RINGBACK_S:
                    return "ringback"
                return "busy" if t >= busy_start else None

            rows, evs, _ = run_kalm(a.kalm, out, tmp)
            alone, _, _ = run_kalm(a.kalm, call, tmp)
            offset = round((KEYS_S + RINGBACK_S) * 100)
            for k, r in enumerate(alone["customer"][SETTLE_HOPS:], SETTLE_HOPS):
                with_tones = rows["customer"][offset + k]["speech"] == "1"
                inside += r["speech"] == "1"
                lost += r["speech"] == "1" and not with_tones
                gained += r["speech"] != "1" and with_tones
            for r in rows["customer"]:
                if r["speech"] == "1" and stretch(float(r["t"])):
                    speech_s[stretch(float(r["t"]))] += 0.01
            for e in evs:
                if e["type"] != "pause" and stretch(e["t"]):
                    events[stretch(e["t"])] += 1
            progress(n, len(items))
    print(f"{len(items)} recordings with key presses, ringback and busy tone:")
    for s in stretches:
        print(f"  {s}: customer speech {speech_s[s]:.2f} s, events {events[s]}")
    print(f"  inside the calls: of {inside} customer speech hops {lost} lost, {gained} gained")


if __name__ == "__main__":
    main()
