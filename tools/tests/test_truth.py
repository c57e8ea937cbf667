"""The generators' ground truth (kalmtools.pitchsignals, kalmtools.audio) against the signals
they write: a truth that drifted from its signal would score kalm against the wrong answer."""
import unittest

import numpy as np

from kalmtools import audio, calls, pitchsignals

RATE = 16000


def autocorrelation_f0(x, rate, lo=60.0, hi=500.0):
    """F0 of a stationary voiced window: the highest normalised autocorrelation peak, the
    shortest lag within 5 % of it (so a period's multiples do not win)."""
    x = x - x.mean()
    r = np.correlate(x, x, "full")[len(x) - 1:]
    lags = np.arange(len(r))
    r = r / np.maximum(r[0] * (len(x) - lags) / len(x), 1e-12)
    a, b = int(rate / hi), int(rate / lo)
    seg = r[a:b]
    best = seg.max()
    lag = a + int(np.flatnonzero(seg >= 0.95 * best)[0])
    # Refine within the first peak at or past that lag.
    while lag + 1 < b and r[lag + 1] > r[lag]:
        lag += 1
    return rate / lag


class PitchTruthTests(unittest.TestCase):
    def check(self, voice_range):
        x, truth = pitchsignals.make(11, voice_range, RATE, seconds=6.0)
        hop, half = int(RATE * audio.HOP_S), int(0.02 * RATE)
        errors = []
        for k in np.flatnonzero(truth > 0)[::5]:
            c = k * hop + hop // 2
            if c < half or c + half > len(x):
                continue
            errors.append(abs(autocorrelation_f0(x[c - half: c + half], RATE) / truth[k] - 1))
        errors = np.array(errors)
        self.assertGreater(len(errors), 50)
        self.assertLess(np.median(errors), 0.01)
        self.assertGreater(np.mean(errors < 0.05), 0.95)

    def test_a_male_signal_has_the_f0_its_truth_gives(self):
        self.check("male")

    def test_a_female_signal_has_the_f0_its_truth_gives(self):
        self.check("female")

    def test_the_silence_and_noise_between_the_vowels_are_not_periodic(self):
        x, truth = pitchsignals.make(11, "male", RATE, seconds=6.0)
        hop, half = int(RATE * audio.HOP_S), int(0.02 * RATE)
        peaks = []
        for k in range(3, len(truth) - 3):
            if np.all(truth[k - 3:k + 4] == 0):
                w = x[k * hop + hop // 2 - half: k * hop + hop // 2 + half]
                w = w - w.mean()
                r = np.correlate(w, w, "full")[len(w) - 1:]
                peaks.append(r[int(RATE / 500):int(RATE / 60)].max() / r[0])
        self.assertGreater(len(peaks), 20)
        self.assertLess(np.median(peaks), 0.5)


class ActivityTruthTests(unittest.TestCase):
    def test_activity_covers_a_burst_and_bridges_a_short_gap(self):
        rng = np.random.default_rng(3)
        x = rng.standard_normal(3 * RATE) * 1e-5
        for s, e in ((1.0, 1.5), (1.6, 2.0)):  # a 0.1 s gap, under the 0.15 s bridge
            a, b = round(s * RATE), round(e * RATE)
            x[a:b] += rng.standard_normal(b - a) * 0.1
        act = audio.activity(x, RATE)
        [(start, end)] = audio.segments(act)
        self.assertLessEqual(abs(start - 100), 1)
        self.assertLessEqual(abs(end - 200), 1)

    def test_a_long_gap_stays_a_gap(self):
        rng = np.random.default_rng(5)
        x = rng.standard_normal(3 * RATE) * 1e-5
        for s, e in ((0.5, 1.0), (1.5, 2.0)):
            a, b = round(s * RATE), round(e * RATE)
            x[a:b] += rng.standard_normal(b - a) * 0.1
        self.assertEqual(len(audio.segments(audio.activity(x, RATE))), 2)


    def test_a_real_stretch_is_trimmed_to_its_speech(self):
        rng = np.random.default_rng(7)
        x = rng.standard_normal(2 * RATE) * 1e-4  # room noise
        a, b = round(0.6 * RATE), round(1.3 * RATE)
        x[a:b] += np.sin(2 * np.pi * 440 * np.arange(b - a) / RATE) * 0.1
        y = calls.trimmed(x, RATE)
        self.assertAlmostEqual(len(y) / RATE, 0.7 + 2 * 0.02, delta=0.025)
        self.assertEqual(len(calls.trimmed(x[:a], RATE)), a)  # noise alone stays as it is

    def test_the_speech_level_is_the_level_of_the_speech_not_of_the_silence_around_it(self):
        rng = np.random.default_rng(9)
        x = rng.standard_normal(3 * RATE) * 1e-4
        a, b = round(1.0 * RATE), round(2.0 * RATE)
        x[a:b] += rng.standard_normal(b - a) * 0.1
        self.assertAlmostEqual(calls.speech_level(x, RATE), 0.1, delta=0.005)


if __name__ == "__main__":
    unittest.main()
