"""Two-party test calls with exact truth: a scripted timeline of turns, gaps, latching,
interruptions, backchannels, pauses and dead air, voiced by espeak-ng or by real AMI
speech, then passed through a channel condition (clean, telephone, noise, echo, the
counter's room, a low microphone, a GSM mobile call)."""
import numpy as np
from scipy.signal import fftconvolve

from . import audio, rules, speech

# low30: a microphone set 30 dB too low. gsm: a mobile call (GSM 06.10 full-rate codec, 8 kHz).
# room: the counter (see ROOM).
CONDITIONS = ["clean", "tel", "pink15", "pink5", "echo20", "echo12", "room", "low30", "gsm"]
# The conditions made unless others are asked for (the main evaluation set).
DEFAULT_CONDITIONS = CONDITIONS[:6]
# The counter: one microphone per party in a reverberant room (RT60 0.5 s). Each hears its
# own party close by (direct sound 6 dB over the room's reverberation) and the other party
# 1.5 m away, 10 dB quieter and mostly reverberation, over ventilation noise 25 dB down.
ROOM = {"rt60_s": 0.5, "own_drr_db": 6.0, "other_drr_db": -3.0, "other_db": -10.0, "other_delay_s": 0.004,
        "snr_db": 25.0}


class Timeline:
    """Utterances placed per party on a common clock."""

    def __init__(self, rate):
        self.rate = rate
        self.placed = {"agent": [], "customer": []}
        self.syllables = {"agent": 0, "customer": 0}
        self.real = set()
        self.script = []
        # Per party, per utterance: [start_s, end_s, syllables (None for real speech), speech_s].
        self.utterances = {"agent": [], "customer": []}

    def place(self, party, start_s, signal, syllables=0):
        """Places an utterance; `syllables` None marks real speech (count unknown)."""
        real = syllables is None
        self.placed[party].append([start_s, signal, real])
        if real:
            self.real.add(party)
        else:
            self.syllables[party] += syllables
        end_s = start_s + len(signal) / self.rate
        self.utterances[party].append([start_s, end_s, syllables, speech_seconds(signal, self.rate)])
        return end_s

    def cut_last(self, party, end_s, fade_s=0.03):
        """Truncates the party's last utterance at `end_s` with a short fade-out."""
        start, sig, _ = self.placed[party][-1]
        n = max(int((end_s - start) * self.rate), 1)
        whole = len(sig)
        sig = sig[:n].copy()
        f = min(int(fade_s * self.rate), n)
        sig[-f:] *= np.linspace(1, 0, f)
        self.placed[party][-1][1] = sig
        # The syllables said before the cut, taken as the share of the utterance kept.
        utterance = self.utterances[party][-1]
        utterance[1] = start + len(sig) / self.rate
        if utterance[2] is not None:
            utterance[2] *= len(sig) / whole
        utterance[3] = speech_seconds(sig, self.rate)

    def end(self):
        return max((s + len(x) / self.rate for p in self.placed.values() for s, x, _ in p), default=0.0)

    def tracks(self, tail_s=1.0, seed=0):
        """One signal per party. A party voiced by real recordings gets their room tone
        under the whole track (noise with the spectrum and level of the recordings' quietest
        stretches), so the channel does not fall to digital silence between utterances, nor
        change its background when the party starts or stops speaking."""
        n = int((self.end() + tail_s) * self.rate)
        out = {}
        rng = np.random.default_rng(seed)
        hop = int(self.rate * audio.HOP_S)
        for party, items in self.placed.items():
            y = np.zeros(n)
            background, spectra = [], []
            for s, x, real in items:
                i = int(round(s * self.rate))
                y[i: i + len(x)] += x[: max(0, n - i)]
                if real and len(x) >= hop:
                    frames = len(x) // hop
                    background.append(np.percentile(np.mean(x[: frames * hop].reshape(frames, hop) ** 2, axis=1), 5))
                if real and len(x) >= 10 * 512:
                    spectra.append(audio.quiet_spectrum(x))
            if background:
                shape = audio.shaped_noise(n, np.median(spectra, axis=0), rng) if spectra else audio.pink_noise(n, rng)
                noise = shape * np.sqrt(min(background))
                for s, x, real in items:
                    i = int(round(s * self.rate))
                    noise[i: i + len(x)] = 0
                y += noise
            out[party] = y
        return out

    def activity(self, tail_s=1.0):
        """Truth speech activity per hop and party: each utterance's own activity (real
        recordings measured against their room noise), placed on the timeline."""
        n = int(np.ceil((self.end() + tail_s) / audio.HOP_S))
        out = {}
        for party, items in self.placed.items():
            act = np.zeros(n, bool)
            for s, x, real in items:
                a = real_speech_activity(x, self.rate) if real else audio.activity(x, self.rate)
                i = int(round(s / audio.HOP_S))
                act[i: i + len(a)] |= a[: max(0, n - i)]
            out[party] = audio.bridge(act, 15)
        return out


def real_speech_activity(x, rate):
    """Speech activity per hop of a real recording, as the truth measures it: against its own
    room noise, above its thumps and rumble."""
    return audio.activity(x, rate, above_noise_db=12.0, highpass_hz=200.0)


def trimmed(x, rate, keep_s=0.02):
    """`x` from its first to its last hop of speech (``real_speech_activity``), with `keep_s`
    of its own sound either side."""
    act = real_speech_activity(x, rate)
    on = np.flatnonzero(act)
    if len(on) == 0:
        return x
    hop, keep = int(rate * audio.HOP_S), int(rate * keep_s)
    return x[max(0, on[0] * hop - keep): min(len(x), (on[-1] + 1) * hop + keep)]


def speech_level(x, rate):
    """The RMS of `x` over its hops of speech (``real_speech_activity``), or of all of it where
    there is none."""
    return float(np.sqrt(audio.active_power(x, rate, real_speech_activity(x, rate))))


class Voice:
    """Produces utterances for one party from espeak-ng or AMI stretches."""

    def __init__(self, rng, rate, voice_key=None, stretches=None, speed=165, trim=False, steady=False):
        """With `trim`, an AMI stretch loses the silence (its room noise) before its first and
        after its last speech, as the truth measures speech, so that a scripted moment (an
        interruption, the start of a raised voice) falls where the speech is. With `steady`
        every stretch is brought to the speaker's median speech level, as a
        headset keeps a voice's level where a meeting room's microphones let it wander."""
        self.rng, self.rate, self.voice_key, self.stretches, self.speed = rng, rate, voice_key, stretches, speed
        self.trim = trim
        self.peak = speech.ami_peak(stretches) if stretches else None
        self.steady_level = None
        if stretches and steady:
            self.steady_level = float(np.median([speech_level(trimmed(speech.ami_utterance(st, rate, self.peak), rate),
                                                              rate) for st in stretches]))
        self.lang = speech.language(voice_key) if voice_key else "nl"
        self.gain = 10 ** (rng.uniform(-3, 3) / 20)

    def sentence(self, min_s=0.0):
        for _ in range(20):
            if self.stretches:
                x = speech.ami_utterance(self.stretches[self.rng.integers(len(self.stretches))], self.rate, self.peak)
                if self.trim:
                    x = trimmed(x, self.rate)
                if self.steady_level is not None:
                    x = x * self.steady_level / max(speech_level(x, self.rate), 1e-9)
                syl = None
            else:
                text = speech.SENTENCES[self.lang][self.rng.integers(len(speech.SENTENCES[self.lang]))]
                x, syl = speech.synth(text, self.voice_key, self.rate, self.speed)
            if len(x) / self.rate >= min_s:
                return x * self.gain, syl
        return x * self.gain, syl

    def backchannel(self):
        if self.stretches or not self.voice_key:
            words = speech.BACKCHANNELS["nl"]
            x, syl = speech.synth(words[self.rng.integers(len(words))], "nl-m", self.rate, 170)
        else:
            words = speech.BACKCHANNELS[self.lang]
            x, syl = speech.synth(words[self.rng.integers(len(words))], self.voice_key, self.rate, 170)
        x = x[: int(0.6 * self.rate)]
        return x * self.gain, syl


def script_call(rng, rate, agent, customer, seconds):
    """Builds a timeline of about `seconds` with every kind of conversational event."""
    tl = Timeline(rate)
    voices = {"agent": agent, "customer": customer}
    t = 0.5
    speaker = "agent"
    while t < seconds:
        other = "customer" if speaker == "agent" else "agent"
        # A turn of 1-3 sentences, possibly with a pause inside.
        for i in range(rng.integers(1, 4)):
            x, syl = voices[speaker].sentence()
            t = tl.place(speaker, t, x, syl)
            if rng.random() < 0.25:
                gap = rng.uniform(0.6, 2.5)
                tl.script.append(("pause", speaker, t, gap))
            else:
                gap = rng.uniform(0.05, 0.12)
            t += gap
        t -= gap
        action = rng.choice(["gap", "latch", "interrupt", "interrupt", "backchannel", "backchannel", "dead_air"],
                            p=[0.2, 0.12, 0.2, 0.2, 0.12, 0.12, 0.04])
        if action == "backchannel":
            # A long utterance by the speaker with a short "ja" / "hm" of the other inside it.
            x, syl = voices[speaker].sentence(min_s=1.8)
            start = t + rng.uniform(0.2, 0.8)
            end = tl.place(speaker, start, x, syl)
            b, bsyl = voices[other].backchannel()
            at = start + rng.uniform(0.4, max(0.5, (end - start) - len(b) / rate - 0.3))
            tl.place(other, at, b, bsyl)
            tl.script.append(("backchannel", other, at, len(b) / rate))
            t = end
            action = "gap"
        if action == "interrupt":
            x, syl = voices[speaker].sentence(min_s=2.2)
            start = t + rng.uniform(0.2, 0.8)
            end = tl.place(speaker, start, x, syl)
            overlap = rng.uniform(0.8, 1.4)
            at = start + rng.uniform(0.5, max(0.6, (end - start) - overlap - 0.1))
            tl.cut_last(speaker, at + overlap)
            y, ysyl = voices[other].sentence(min_s=1.5 + overlap)
            t = tl.place(other, at, y, ysyl)
            tl.script.append(("interruption", other, at, overlap))
            speaker = other
            t += rng.uniform(0.3, 1.0)
            continue
        if action == "latch":
            t -= rng.uniform(0.05, 0.15)
            tl.script.append(("latch", other, t, 0))
        elif action == "dead_air":
            dead = rng.uniform(4, 8)
            tl.script.append(("dead_air", None, t, dead))
            t += dead
        else:
            t += rng.uniform(0.2, 1.5)
        speaker = other
    return tl


def apply_condition(tracks, rate, condition, rng):
    """Returns (stereo signal, output rate, encoding) for a channel condition."""
    a, c = tracks["agent"].copy(), tracks["customer"].copy()
    act = {p: audio.activity(x, rate) for p, x in tracks.items()}
    encoding = "pcm16"
    if condition.startswith("echo"):
        g = 10 ** (-float(condition[4:]) / 20)
        da, dc = (int(rng.uniform(0.03, 0.12) * rate) for _ in range(2))
        a = a + g * audio.delay(tracks["customer"], dc)
        c = c + g * audio.delay(tracks["agent"], da)
    if condition.startswith("pink"):
        snr = float(condition[4:])
        for name, x in (("agent", a), ("customer", c)):
            p = audio.active_power(tracks[name], rate, act[name])
            x += audio.pink_noise(len(x), rng) * np.sqrt(p / 10 ** (snr / 10))
    if condition == "room":
        a, c = room_microphones(tracks, rate, act, rng)
    if condition == "low30":
        a, c = a * 10 ** (-30 / 20), c * 10 ** (-30 / 20)
    out_rate = rate
    if condition == "gsm":
        a, c = audio.gsm(a, rate), audio.gsm(c, rate)
        n = min(len(a), len(c))
        a, c = a[:n], c[:n]
        out_rate = 8000
    if condition == "tel":
        a, c = audio.telephone(a, rate), audio.telephone(c, rate)
        n = min(len(a), len(c))
        a, c = a[:n], c[:n]
        out_rate, encoding = 8000, "mulaw"
    return np.stack([a, c], axis=1), out_rate, encoding


def room_microphones(tracks, rate, act, rng):
    """The two microphones of the counter (see ROOM)."""
    mics = []
    for own, other in (("agent", "customer"), ("customer", "agent")):
        n = len(tracks[own])
        near = fftconvolve(tracks[own], audio.room_response(rate, rng, ROOM["rt60_s"], ROOM["own_drr_db"]))[:n]
        far = fftconvolve(tracks[other], audio.room_response(rate, rng, ROOM["rt60_s"], ROOM["other_drr_db"],
                                                             ROOM["other_delay_s"]))[:n]
        x = near + 10 ** (ROOM["other_db"] / 20) * far
        p = audio.active_power(tracks[own], rate, act[own])
        mics.append(x + audio.pink_noise(n, rng) * np.sqrt(p / 10 ** (ROOM["snr_db"] / 10)))
    return mics[0], mics[1]


def truth(tl, rate, tracks, condition):
    act = tl.activity()
    n = max(len(v) for v in act.values())
    segs = {p: [[s * 0.01, e * 0.01] for s, e in audio.segments(v)] for p, v in act.items()}
    talk = {p: float(v.sum()) * 0.01 for p, v in act.items()}
    return {
        "condition": condition,
        "duration_s": n * 0.01,
        "segments": segs,
        "events": rules.events(act["agent"], act["customer"]),
        "script": [{"kind": k, "party": p, "t": round(float(t), 3), "value": round(float(v), 3)}
                   for k, p, t, v in tl.script],
        "articulation_rate": {p: (tl.syllables[p] / talk[p] if talk[p] > 0 and p not in tl.real else None)
                              for p in act},
        "utterances": {p: [[round(s, 3), round(e, 3), None if syl is None else round(syl, 2), round(sp, 2)]
                           for s, e, syl, sp in u] for p, u in tl.utterances.items()},
    }


ESCALATION_KINDS = ["customer", "mild", "agent-fast", "agent-interrupts", "calm", "opening", "twice", "unresolved"]
# Kinds in which the customer escalates (each changed span is an episode).
CUSTOMER_EPISODE_KINDS = ("customer", "opening", "twice", "unresolved")
# (pitch semitones, tempo factor, gain dB) ranges for the changed span of each kind.
CHANGES = {"customer": ((4, 7), (1.25, 1.4), (6, 10)), "opening": ((4, 7), (1.25, 1.4), (6, 10)),
           "twice": ((4, 7), (1.25, 1.4), (6, 10)), "unresolved": ((4, 7), (1.25, 1.4), (6, 10)),
           "mild": ((1, 1), (1.08, 1.08), (2, 2)),
           "agent-fast": ((0, 0), (1.3, 1.3), (6, 6))}


def speech_seconds(x, rate):
    """Seconds of the utterance's own speech (its truth activity)."""
    return audio.activity(x, rate).sum() * audio.HOP_S


def changed(x, rate, change, tempo_scale=1.0):
    """The utterance with the change applied. Its tempo factor is multiplied by
    `tempo_scale`, which the script sets so the changed sentence's articulation rate is
    the factor times the party's calm articulation rate: sentences differ by +-15 % in
    syllables per second, and a plain x1.3 on slow sentences raised the rate by 6 %."""
    pitch, tempo, gain = change
    tempo *= tempo_scale
    effects = []
    if pitch:
        effects += ["pitch", str(100 * pitch)]
    if tempo != 1:
        effects += ["tempo", "-s", str(tempo)]
    if gain:
        effects += ["gain", str(gain)]
    return audio.sox_effect(x, rate, effects) if effects else x


def script_escalation(rng, rate, agent, customer, kind):
    """A call in three phases: calm (baselines are learned), a changed span, calm again;
    'opening' has no calm start: the customer is upset from their first sentence (the changed
    span) and calm for the minute after it; 'twice' escalates, calms, escalates and calms
    again; 'unresolved' ends while the customer is still escalated.

    The changed party speaks with its pitch, tempo and level raised (sox pitch/tempo/gain);
    'agent-interrupts' has the agent cut into the customer instead. Returns the timeline and
    the truth: escalation episodes and the cues a correct monitor gives, with time windows."""
    tl = Timeline(rate)
    voices = {"agent": agent, "customer": customer}
    quiet = 0.25
    changing = "agent" if kind.startswith("agent") else "customer"
    span = CHANGES.get(kind)
    change = None
    if span:
        change = (rng.uniform(*span[0]), rng.uniform(*span[1]), rng.uniform(*span[2]))
    phases = [("calm", 50.0), ("changed", rng.uniform(30, 40)), ("after", 45.0)]
    if kind == "calm":
        phases = [("calm", 150.0)]
    if kind == "opening":
        phases = [("changed", rng.uniform(30, 40)), ("after", 60.0)]
    if kind == "twice":
        phases = [("calm", 50.0), ("changed", rng.uniform(30, 40)), ("after", 45.0),
                  ("changed", rng.uniform(30, 40)), ("after", 45.0)]
    if kind == "unresolved":
        phases = [("calm", 50.0), ("changed", rng.uniform(30, 40))]
    t = 0.5
    speaker = "agent"
    truth = {"kind": kind, "change": change, "escalations": [], "expected_cues": []}
    episodes = []
    calm_syllables, calm_seconds = {"agent": 0, "customer": 0}, {"agent": 0.0, "customer": 0.0}
    interrupted = False
    for phase, length in phases:
        end = t + length
        changed_onsets, changed_speech = [], 0.0
        while t < end:
            other = "customer" if speaker == "agent" else "agent"
            for _ in range(rng.integers(1, 3)):
                x, syl = voices[speaker].sentence()
                x = x * quiet
                if phase == "calm" and syl:
                    calm_syllables[speaker] += syl
                    calm_seconds[speaker] += speech_seconds(x, rate)
                if phase == "changed" and speaker == changing and change:
                    scale = 1.0
                    seconds = speech_seconds(x, rate) if syl else 0.0
                    own = syl / seconds if seconds > 0 else 0.0
                    if own > 0 and calm_seconds[speaker] > 0 and change[1] != 1:
                        scale = calm_syllables[speaker] / calm_seconds[speaker] / own
                    x = changed(x, rate, change, scale)
                    changed_onsets.append(t)
                    if len(changed_onsets) == 1:
                        episodes.append({"party": "customer", "start": t, "end": None})
                    # Criteria, in seconds of the agent's changed speech: the level (a 1 s
                    # average) is sustained 3 s (cue_sustain_s) after 4 s; the tempo (over
                    # the last 6 s of speech) reads +20 % of a x1.3 change after 4 s and is
                    # sustained 3 s after 7 s.
                    # For the customer: 3 s of raised voice is the criterion for acknowledge.
                    cues = (("lower_voice", 4.0), ("slow_down", 7.0)) if kind == "agent-fast" else \
                        (("acknowledge", 3.0),) if kind in CUSTOMER_EPISODE_KINDS and kind != "opening" else ()
                    for cue, needed in cues:
                        if changed_speech < needed <= changed_speech + len(x) / rate:
                            crit = t + (needed - changed_speech)
                            truth["expected_cues"].append({"cue": cue, "from": changed_onsets[0], "criterion": crit,
                                                           "to": crit + 5})
                    changed_speech += len(x) / rate
                if phase == "after" and speaker == changing and episodes and episodes[-1]["end"] is None:
                    episodes[-1]["end"] = t
                placed_end = tl.place(speaker, t, x, syl)
                if phase == "changed" and speaker == changing and change:
                    # The changed party's changed speech, from its first onset to its last end.
                    spans = truth.setdefault("changed_spans", [])
                    if len(changed_onsets) == 1:
                        spans.append([t, placed_end])
                    spans[-1][1] = placed_end
                t = placed_end + rng.uniform(0.1, 0.3)
            if phase == "changed" and kind == "agent-interrupts" and speaker == "customer" and not interrupted:
                # The agent cuts into the customer's next sentence.
                y, ysyl = voices["customer"].sentence(min_s=2.5)
                start = t + 0.3
                stop = tl.place("customer", start, y * quiet, ysyl)
                at = start + min(1.0, (stop - start) / 3)
                tl.cut_last("customer", at + 1.0)
                z, zsyl = voices["agent"].sentence(min_s=2.5)
                t = tl.place("agent", at, z * quiet, zsyl)
                # Due from the agent's cut-in; its criterion (0.5 s overlap, 1 s of talk) is met 1 s later.
                truth["expected_cues"].append({"cue": "let_finish", "from": at, "criterion": at + 1.0, "to": at + 1.0 + 5})
                interrupted = True
                speaker = "customer"
                t += rng.uniform(0.3, 1.0)
                continue
            t += rng.uniform(0.3, 1.0)
            speaker = other
    if kind in CUSTOMER_EPISODE_KINDS:
        truth["escalations"] = episodes
    return tl, truth
