"""Speech material: espeak-ng utterances with syllable counts, and real AMI speech."""
import os
import re
import subprocess
import tempfile

import numpy as np
from scipy.io import wavfile

from . import audio

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus", "ami")

# Voices: (espeak voice, language). Variants give male and female timbres.
VOICES = {
    "nl-m": "nl", "nl-f": "nl+f3", "nl-m2": "nl+m3", "nl-f2": "nl+f4",
    "en-m": "en-gb", "en-f": "en-us+f2", "en-m2": "en-us+m4", "en-f2": "en-gb+f4",
}

SENTENCES = {
    "nl": [
        "Goedemiddag u spreekt met de klantenservice",
        "Waarmee kan ik u vandaag helpen",
        "Ik bel omdat mijn rekening veel te hoog is",
        "Dat is al de derde keer deze maand",
        "Ik begrijp dat dit vervelend voor u is",
        "Mag ik uw klantnummer even van u hebben",
        "Ik heb het nummer hier voor me liggen",
        "Het begint met vier zeven twee en dan nog wat cijfers",
        "Ik zie in het systeem dat er iets mis is gegaan",
        "Daar kan ik gelukkig iets aan doen",
        "Ik wil gewoon dat het nu eindelijk wordt opgelost",
        "Niemand belt mij ooit terug als dat beloofd is",
        "Ik zet de correctie nu voor u klaar",
        "U krijgt binnen vijf werkdagen een nieuwe factuur",
        "Kunt u mij dat ook per mail bevestigen",
        "Dat doe ik direct na dit gesprek",
        "Zal ik even samenvatten wat we hebben afgesproken",
        "Dan weet u precies wat er gaat gebeuren",
        "Goed dan wacht ik die mail af",
        "Is er verder nog iets waarmee ik u kan helpen",
        "Nee dat was het wel voor nu",
        "Dank u wel voor uw geduld en nog een fijne dag",
        "Ik heb al twee keer eerder gebeld over precies hetzelfde",
        "De vorige medewerker zei dat het geregeld was",
        "Dat klopt niet want ik heb niets ontvangen",
        "Ik hoor dat u er helemaal klaar mee bent",
        "Laten we samen kijken wat er nu kan",
        "U kunt kiezen uit twee mogelijkheden",
        "Ik kan het bedrag terugboeken of verrekenen",
        "Terugboeken lijkt me het beste",
    ],
    "en": [
        "Good afternoon you are speaking with customer service",
        "How can I help you today",
        "I am calling because my bill is far too high",
        "This is the third time this month",
        "I understand that this is annoying for you",
        "May I have your customer number please",
        "I have the number right here in front of me",
        "It starts with four seven two and then some more digits",
        "I can see in the system that something went wrong",
        "Fortunately I can do something about that",
        "I just want this to be solved once and for all",
        "Nobody ever calls me back when they promise to",
        "I am preparing the correction for you now",
        "You will receive a new invoice within five working days",
        "Can you also confirm that by email",
        "I will do that right after this call",
        "Let me summarise what we have agreed",
        "Then you know exactly what is going to happen",
        "Fine then I will wait for that email",
        "Is there anything else I can help you with",
        "No that was all for now",
        "Thank you for your patience and have a nice day",
        "I have called twice before about exactly the same thing",
        "The previous agent said it was sorted out",
        "That is not right because I received nothing",
        "I can hear that you are completely fed up with it",
        "Let us look together at what we can do now",
        "You can choose between two options",
        "I can refund the amount or set it off",
        "A refund sounds best to me",
    ],
}

BACKCHANNELS = {"nl": ["ja", "hm", "oké", "ja ja", "precies"], "en": ["yes", "hm", "okay", "right", "yeah"]}

_IPA_VOWELS = set("aeiouyɑɐɒæɔəɘɛɜɞɪʏʊʌøœɶɤɯɵʉɨɚɝ")


def count_syllables_ipa(ipa):
    """Counts vowel nuclei in espeak-ng's IPA: each maximal run of vowel symbols (with
    length marks and ties) is one syllable."""
    n, in_vowel = 0, False
    for ch in ipa:
        if ch in _IPA_VOWELS:
            if not in_vowel:
                n += 1
            in_vowel = True
        elif ch in "ːˑ\u0361\u035c\u0303":
            continue
        else:
            in_vowel = False
    return n


def language(voice_key):
    return voice_key.split("-")[0]


def synth(text, voice_key, rate, speed_wpm=165, pitch=50):
    """Synthesises `text` with espeak-ng; returns (signal at `rate`, syllable count)."""
    voice = VOICES[voice_key]
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "u.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed_wpm), "-p", str(pitch), "-w", path, text],
                       check=True)
        sr, x = wavfile.read(path)
        ipa = subprocess.run(["espeak-ng", "-v", voice, "-q", "--ipa", text], check=True,
                             capture_output=True, text=True).stdout
    x = x.astype(np.float64) / 32768.0
    x = audio.resample(x, sr, rate)
    act = audio.activity(x, rate)
    idx = np.flatnonzero(act)
    hop = int(rate * audio.HOP_S)
    if len(idx):
        x = x[max(0, idx[0] * hop - hop): min(len(x), (idx[-1] + 2) * hop)]
    peak = np.max(np.abs(x)) or 1.0
    return x / peak * 0.5, count_syllables_ipa(ipa)


def read_rttm(path):
    turns = {}
    with open(path) as f:
        for line in f:
            p = line.split()
            if p and p[0] == "SPEAKER":
                turns.setdefault(p[1], []).append((float(p[3]), float(p[3]) + float(p[4]), p[7]))
    return turns


def ami_stretches(min_s=1.2):
    """Single-speaker stretches of the AMI corpus (no other speaker within them), as
    (file, start_s, end_s, speaker). Empty when the corpus is absent."""
    out = []
    if not os.path.isdir(CORPUS):
        return out
    turns = {}
    for name in os.listdir(CORPUS):
        if name.endswith(".rttm"):
            turns.update(read_rttm(os.path.join(CORPUS, name)))
    for file, ts in sorted(turns.items()):
        wav = os.path.join(CORPUS, file + ".wav")
        if not os.path.exists(wav):
            continue
        for (s, e, spk) in ts:
            # The parts of the turn that no other speaker overlaps.
            cuts = sorted((max(s, o_s), min(e, o_e)) for (o_s, o_e, o_spk) in ts
                          if o_spk != spk and o_s < e and o_e > s)
            start = s
            for (c_s, c_e) in cuts + [(e, e)]:
                if c_s - start >= min_s:
                    out.append((wav, start, c_s, spk))
                start = max(start, c_e)
    return out


def _ami_samples(stretch):
    wav, s, e, _ = stretch
    sr, x = audio.read_wav(wav)
    if x.ndim > 1:
        x = x.mean(axis=1)
    return sr, x[int(s * sr): int(e * sr)]


def ami_peak(stretches):
    """The loudest sample of `stretches` (one speaker's), for ami_utterance's `peak`."""
    return max(float(np.max(np.abs(_ami_samples(st)[1]))) for st in stretches)


def ami_utterance(stretch, rate, peak=None):
    """One AMI stretch at `rate`, scaled so that `peak` (default: its own) is at 0.5. With one
    peak for all of a speaker's stretches they keep their levels, and the room noise under
    them stays as steady as it was in the meeting."""
    sr, seg = _ami_samples(stretch)
    scale = peak or float(np.max(np.abs(seg))) or 1.0
    return audio.resample(seg, sr, rate) / scale * 0.5
