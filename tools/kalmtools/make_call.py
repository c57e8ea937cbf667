"""tools/make-call: writes generated test material with exact ground truth.

Sets (all deterministic from --seed):
  calls    two-party calls (left = agent, right = customer) under each channel condition;
           an echo call X.wav also gets X.without-echo.wav, the same call without the echo
  pitch    voiced signals with exactly known F0 (male, female, high), clean 16 kHz and
           8 kHz telephone band mu-law (fundamental cut off)
  tempo    one speaker at several espeak-ng speeds, with the true articulation rate
  stretch  real AMI speech time-stretched by sox tempo 0.75-1.5
  escalation  calls where the customer escalates and calms, mild changes that must not
           count, an agent who speeds up and gets louder, an agent who interrupts, calm
           calls, customers who open upset and calm down, who escalate twice, who are still
           escalated when the call ends; clean 16 kHz and 8 kHz telephone; voiced by espeak-ng,
           or by real AMI speakers (--escalation-voices ami, or ami-steady)
Each audio file X.wav gets X.truth.json; DIR/manifest.json lists everything.
"""
import argparse
import json
import os
import sys

import numpy as np

from . import audio, calls, pitchsignals, speech

VOICE_PAIRS = [("nl-f", "nl-m"), ("en-m", "en-f"), ("nl-m2", "nl-f2"), ("en-f2", "en-m2")]
TEMPO_SPEEDS = [130, 160, 190, 220, 260]
STRETCH_FACTORS = [0.75, 0.9, 1.0, 1.1, 1.25, 1.5]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def write(out, name, rate, data, truth, encoding="pcm16"):
    path = os.path.join(out, name + (".flac" if encoding == "flac" else ".wav"))
    audio.write_wav(path, rate, data, encoding)
    with open(os.path.join(out, name + ".truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    return os.path.basename(path)


def make_calls(out, seed, per_condition, seconds, conditions, use_ami=True):
    items = []
    stretches = speech.ami_stretches() if use_ami else []
    for ci, condition in enumerate(conditions):
        for k in range(per_condition):
            rng = np.random.default_rng([seed, ci, k])
            rate = 16000
            if k == per_condition - 1 and stretches and per_condition > 1:
                # One call per condition with real speech: two different AMI speakers.
                spk = sorted({s[3] for s in stretches})
                a_spk, c_spk = spk[k % len(spk)], spk[(k + 1) % len(spk)]
                agent = calls.Voice(rng, rate, stretches=[s for s in stretches if s[3] == a_spk])
                customer = calls.Voice(rng, rate, stretches=[s for s in stretches if s[3] == c_spk])
                voices = f"ami:{a_spk}+{c_spk}"
            else:
                va, vc = VOICE_PAIRS[(k + ci) % len(VOICE_PAIRS)]
                agent = calls.Voice(rng, rate, voice_key=va, speed=int(rng.uniform(150, 185)))
                customer = calls.Voice(rng, rate, voice_key=vc, speed=int(rng.uniform(150, 185)))
                voices = f"{va}+{vc}"
            tl = calls.script_call(rng, rate, agent, customer, seconds)
            tracks = tl.tracks()
            stereo, out_rate, enc = calls.apply_condition(tracks, rate, condition, rng)
            truth = calls.truth(tl, rate, tracks, condition)
            truth["voices"] = voices
            name = f"call-{condition}-{k:02d}"
            item = {"kind": "call", "file": write(out, name, out_rate, stereo, truth, enc),
                    "truth": name + ".truth.json", "condition": condition}
            if condition.startswith("echo"):
                # The same call without the echo: what kalm hears there is not the echo's doing.
                twin = name + ".without-echo.wav"
                audio.write_wav(os.path.join(out, twin), rate, np.stack([tracks["agent"], tracks["customer"]], axis=1))
                item["without_echo"] = twin
            items.append(item)
            log(f"  {name} ({voices}, {truth['duration_s']:.0f} s)")
    return items


def make_escalation(out, seed, per_kind, conditions=("clean", "tel"), kinds=calls.ESCALATION_KINDS, voices="espeak"):
    """Escalation scenarios with known episodes and expected cues (see calls.script_escalation).
    A call's randomness depends on its seed, condition, kind and number only, so a subset of
    the kinds gives the same calls as the full set. With `voices` "ami" (or "ami-steady", every
    stretch at the speaker's median speech level) both parties are real
    speakers of the AMI corpus (two different ones per call, of those with at least three
    stretches), their sentences its stretches."""
    items = []
    by_speaker = {}
    if voices in ("ami", "ami-steady"):
        for st in speech.ami_stretches():
            by_speaker.setdefault(st[3], []).append(st)
        # A speaker needs sentences to say: at least three stretches.
        by_speaker = {spk: sts for spk, sts in by_speaker.items() if len(sts) >= 3}
        if len(by_speaker) < 2:
            raise SystemExit(f"make-call: --escalation-voices {voices} needs the AMI corpus (../shared/corpus/ami)")
    speakers = sorted(by_speaker)
    for ci, condition in enumerate(conditions):
        for ki, kind in enumerate(calls.ESCALATION_KINDS):
            if kind not in kinds:
                continue
            for k in range(per_kind):
                rng = np.random.default_rng([seed, 300 + ci, ki, k])
                if speakers:
                    # Pairs cycle through the speakers, the customer one to count - 1 places on.
                    n, count = k + ki + ci, len(speakers)
                    va, vc = speakers[n % count], speakers[(n + 1 + n // count) % count]
                    if va == vc:
                        vc = speakers[(speakers.index(va) + 1) % count]
                    steady = voices == "ami-steady"
                    agent = calls.Voice(rng, 16000, stretches=by_speaker[va], trim=True, steady=steady)
                    customer = calls.Voice(rng, 16000, stretches=by_speaker[vc], trim=True, steady=steady)
                    pair = f"ami:{va}+{vc}"
                else:
                    va, vc = VOICE_PAIRS[(k + ki + ci) % len(VOICE_PAIRS)]
                    agent = calls.Voice(rng, 16000, voice_key=va, speed=int(rng.uniform(150, 175)))
                    customer = calls.Voice(rng, 16000, voice_key=vc, speed=int(rng.uniform(150, 175)))
                    pair = f"{va}+{vc}"
                tl, scenario = calls.script_escalation(rng, 16000, agent, customer, kind)
                tracks = tl.tracks()
                stereo, out_rate, enc = calls.apply_condition(tracks, 16000, condition, rng)
                truth = calls.truth(tl, 16000, tracks, condition)
                truth.update(scenario)
                truth["voices"] = pair
                name = f"esc-{kind}-{condition}-{k:02d}"
                items.append({"kind": "escalation", "file": write(out, name, out_rate, stereo, truth, enc),
                              "truth": name + ".truth.json", "condition": condition, "scenario": kind})
                log(f"  {name} ({truth['duration_s']:.0f} s)")
    return items


def make_pitch(out, seed, seconds):
    items = []
    for ri, voice_range in enumerate(pitchsignals.RANGES):
        x, f0 = pitchsignals.make([seed, 100 + ri], voice_range, 16000, seconds)
        truth = {"kind": "pitch", "range": voice_range, "hop_s": 0.01, "f0": [round(float(v), 3) for v in f0]}
        name = f"pitch-{voice_range}-clean"
        items.append({"kind": "pitch", "file": write(out, name, 16000, x, truth), "truth": name + ".truth.json",
                      "condition": "clean"})
        tel = audio.telephone(x, 16000)
        name = f"pitch-{voice_range}-tel"
        items.append({"kind": "pitch", "file": write(out, name, 8000, tel, truth, "mulaw"),
                      "truth": name + ".truth.json", "condition": "tel"})
        log(f"  pitch {voice_range}")
    return items


def make_tempo(out, seed, seconds):
    items = []
    voices = ["nl-m", "nl-f", "en-m", "en-f"]
    for vi, voice in enumerate(voices):
        for speed in TEMPO_SPEEDS:
            rng = np.random.default_rng([seed, 200 + vi, speed])
            tl = calls.Timeline(16000)
            t = 0.3
            while t < seconds:
                lang = speech.language(voice)
                text = speech.SENTENCES[lang][rng.integers(len(speech.SENTENCES[lang]))]
                x, syl = speech.synth(text, voice, 16000, speed)
                t = tl.place("agent", t, x, syl) + rng.uniform(0.4, 0.9)
            track = tl.tracks()["agent"]
            act = audio.activity(track, 16000)
            rate = tl.syllables["agent"] / (act.sum() * 0.01)
            truth = {"kind": "tempo", "voice": voice, "speed_wpm": speed, "articulation_rate": rate,
                     "syllables": tl.syllables["agent"], "speech_s": float(act.sum()) * 0.01}
            name = f"tempo-{voice}-{speed}"
            items.append({"kind": "tempo", "file": write(out, name, 16000, track, truth),
                          "truth": name + ".truth.json", "condition": "clean"})
        log(f"  tempo {voice}")
    return items


def make_stretch(out, seconds=25.0):
    """Real speech of one speaker at a time: the speaker's single-speaker AMI stretches
    joined with 0.4 s gaps, then time-stretched by sox tempo."""
    items = []
    stretches = speech.ami_stretches()
    by_speaker = {}
    for st in stretches:
        by_speaker.setdefault(st[3], []).append(st)
    ranked = sorted(by_speaker.items(), key=lambda kv: -sum(e - s for _, s, e, _ in kv[1]))
    for spk, sts in ranked[:4]:
        parts, total = [], 0.0
        for st in sts:
            x = speech.ami_utterance(st, 16000)
            parts += [x, np.zeros(int(0.4 * 16000))]
            total += len(x) / 16000
            if total >= seconds:
                break
        if total < 8:
            continue
        x = np.concatenate(parts)
        for f in STRETCH_FACTORS:
            y = x if f == 1.0 else audio.sox_effect(x, 16000, ["tempo", str(f)])
            truth = {"kind": "stretch", "source": spk, "factor": f, "speech_s": total}
            name = f"stretch-{spk}-{f:.2f}"
            items.append({"kind": "stretch", "file": write(out, name, 16000, y, truth),
                          "truth": name + ".truth.json", "source": spk, "factor": f})
        log(f"  stretch {spk} ({total:.0f} s of speech)")
    return items


def main(argv=None):
    p = argparse.ArgumentParser(prog="make-call", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="generated/eval", help="output folder (default generated/eval)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--sets", default="calls,pitch,tempo,stretch,escalation", help="comma list of sets to make")
    p.add_argument("--escalations-per-kind", type=int, default=5)
    p.add_argument("--escalation-conditions", default="clean,tel",
                   help="conditions of the escalation calls (default clean,tel; any of --conditions)")
    p.add_argument("--escalation-kinds", default=",".join(calls.ESCALATION_KINDS),
                   help="kinds of escalation calls (default all: " + ", ".join(calls.ESCALATION_KINDS) + ")")
    p.add_argument("--escalation-voices", choices=("espeak", "ami", "ami-steady"), default="espeak",
                   help="who speaks in the escalation calls: espeak-ng voices (default), or real speakers "
                   "of the AMI corpus, two per call (ami-steady: each of their stretches at the speaker's "
                   "median speech level, as a headset keeps it)")
    p.add_argument("--calls-per-condition", type=int, default=6)
    p.add_argument("--seconds", type=float, default=75, help="approximate length of each call")
    p.add_argument("--conditions", default=",".join(calls.DEFAULT_CONDITIONS),
                   help="channel conditions of the calls (default " + ",".join(calls.DEFAULT_CONDITIONS) +
                   "; also room: the counter, a reverberant room where each microphone hears the other "
                   "party; low30: a microphone 30 dB too low; gsm: a mobile call through the GSM codec)")
    a = p.parse_args(argv)
    for option, names in (("--conditions", a.conditions), ("--escalation-conditions", a.escalation_conditions)):
        unknown = [c for c in names.split(",") if c not in calls.CONDITIONS]
        if unknown:
            p.error(f"{option}: unknown condition '{unknown[0]}' (known: {', '.join(calls.CONDITIONS)})")
    unknown = [k for k in a.escalation_kinds.split(",") if k not in calls.ESCALATION_KINDS]
    if unknown:
        p.error(f"--escalation-kinds: unknown kind '{unknown[0]}' (known: {', '.join(calls.ESCALATION_KINDS)})")
    os.makedirs(a.out, exist_ok=True)
    sets = a.sets.split(",")
    items = []
    if "calls" in sets:
        log("calls")
        items += make_calls(a.out, a.seed, a.calls_per_condition, a.seconds, a.conditions.split(","))
    if "escalation" in sets:
        log("escalation")
        items += make_escalation(a.out, a.seed, a.escalations_per_kind, a.escalation_conditions.split(","),
                                 a.escalation_kinds.split(","), a.escalation_voices)
    if "pitch" in sets:
        log("pitch")
        items += make_pitch(a.out, a.seed, 30)
    if "tempo" in sets:
        log("tempo")
        items += make_tempo(a.out, a.seed, 20)
    if "stretch" in sets:
        log("stretch")
        items += make_stretch(a.out)
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump({"seed": a.seed, "items": items}, f, indent=1)
    log(f"{len(items)} files in {a.out}")


if __name__ == "__main__":
    main()
