"""Voiced signals whose F0 is known exactly: harmonic glottal-like sources (every harmonic
below Nyquist, -6 dB/octave tilt) through vowel formant resonators, with constant, gliding
and vibrato contours, separated by silence or unvoiced noise."""
import numpy as np
from scipy.signal import lfilter

from . import audio

VOWELS = {  # formant frequencies and bandwidths (Hz), Peterson & Barney-like averages
    "a": [(730, 90), (1090, 110), (2440, 170), (3400, 250)],
    "i": [(270, 60), (2290, 100), (3010, 150), (3700, 250)],
    "u": [(300, 60), (870, 90), (2240, 150), (3400, 250)],
    "e": [(530, 70), (1840, 100), (2480, 150), (3500, 250)],
    "o": [(570, 80), (840, 90), (2410, 160), (3400, 250)],
}
RANGES = {"male": (75.0, 150.0), "female": (150.0, 300.0), "high": (250.0, 450.0)}


def _formants(x, rate, vowel):
    y = x
    for f, bw in VOWELS[vowel]:
        if f >= rate / 2 - 100:
            continue
        r = np.exp(-np.pi * bw / rate)
        theta = 2 * np.pi * f / rate
        a = [1, -2 * r * np.cos(theta), r * r]
        y = lfilter([1 - r], a, y)
    return y


def voiced_segment(f0_track, rate, vowel):
    """A vowel with instantaneous F0 `f0_track` (one value per sample)."""
    phase = 2 * np.pi * np.cumsum(f0_track) / rate
    x = np.zeros(len(f0_track))
    hmax = int((rate / 2) / f0_track.min())
    for h in range(1, hmax + 1):
        audible = (h * f0_track) < (rate / 2 - 200)
        if not audible.any():
            break
        x += np.where(audible, np.sin(h * phase) / h, 0.0)
    y = _formants(x, rate, vowel)
    ramp = min(len(y) // 4, int(0.02 * rate))
    env = np.ones(len(y))
    env[:ramp] = np.linspace(0, 1, ramp)
    env[-ramp:] = np.linspace(1, 0, ramp)
    y *= env
    return y / (np.max(np.abs(y)) + 1e-12)


def make(seed, voice_range, rate=16000, seconds=30.0):
    """Returns (signal, per-hop truth f0 array: >0 voiced, 0 unvoiced, -1 ignore)."""
    rng = np.random.default_rng(seed)
    lo, hi = RANGES[voice_range]
    hop = int(rate * audio.HOP_S)
    pieces, truth_samples = [], []
    total = 0
    while total < seconds * rate:
        n = int(rng.uniform(0.3, 1.2) * rate)
        kind = rng.choice(["flat", "glide", "vibrato"])
        f_start = rng.uniform(lo, hi)
        t = np.arange(n) / rate
        if kind == "flat":
            f = np.full(n, f_start)
        elif kind == "glide":
            f_end = np.clip(f_start * 2 ** (rng.uniform(-0.5, 0.5)), lo * 0.9, hi * 1.1)
            f = np.linspace(f_start, f_end, n)
        else:
            f = f_start * (1 + 0.03 * np.sin(2 * np.pi * rng.uniform(4, 7) * t))
        seg = voiced_segment(f, rate, rng.choice(list(VOWELS))) * rng.uniform(0.2, 0.6)
        pieces.append(seg)
        truth_samples.append(f)
        gap = int(rng.uniform(0.1, 0.4) * rate)
        if rng.random() < 0.5:
            noise = rng.standard_normal(gap)
            noise = lfilter([1, -0.95], [1], noise) * rng.uniform(0.01, 0.05)
        else:
            noise = np.zeros(gap)
        pieces.append(noise)
        truth_samples.append(np.zeros(gap))
        total += n + gap
    x = np.concatenate(pieces)
    f = np.concatenate(truth_samples)
    x += rng.standard_normal(len(x)) * 1e-4
    frames = len(x) // hop
    truth = np.zeros(frames)
    margin = int(0.02 * rate)
    for k in range(frames):
        c = k * hop + hop // 2
        a, b = max(0, c - margin), min(len(f), c + margin)
        window = f[a:b]
        if np.all(window > 0):
            truth[k] = f[c]
        elif np.all(window == 0):
            truth[k] = 0
        else:
            truth[k] = -1
    return x, truth
