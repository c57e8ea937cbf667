"""The scoring of tools/evaluate (kalmtools.evaluate) on inputs whose scores are known."""
import unittest

import numpy as np

from kalmtools import evaluate, real_pitch_check


class EventMatchingTests(unittest.TestCase):
    def test_a_hit_a_false_alarm_and_a_miss(self):
        required = [{"type": "interruption", "t": 3.0, "by": "customer"},
                    {"type": "interruption", "t": 9.0, "by": "agent"}]
        allowed = required + [{"type": "interruption", "t": 20.0, "by": "agent"}]
        est = [{"type": "interruption", "t": 3.4, "by": "customer"},   # hit, within 0.5 s
               {"type": "interruption", "t": 9.0, "by": "customer"},   # wrong direction
               {"type": "interruption", "t": 20.2, "by": "agent"},     # allowed, not required
               {"type": "backchannel", "t": 3.0, "by": "customer"}]    # another kind
        tp, fp, fn = evaluate.match_events(est, required, allowed, "interruption", ("by",), 0.5)
        self.assertEqual((tp, fp, fn), (2, 1, 1))

    def test_outside_the_tolerance_is_no_match(self):
        truth = [{"type": "pause", "t": 5.0, "party": "agent"}]
        est = [{"type": "pause", "t": 5.6, "party": "agent"}]
        self.assertEqual(evaluate.match_events(est, truth, truth, "pause", ("party",), 0.5), (0, 1, 1))

    def test_precision_recall_f1(self):
        p, r, f1 = evaluate.prf(8, 2, 0)
        self.assertAlmostEqual(p, 0.8)
        self.assertAlmostEqual(r, 1.0)
        self.assertAlmostEqual(f1, 2 * 0.8 / 1.8)
        self.assertEqual(evaluate.prf(0, 0, 0), (1.0, 1.0, 1.0))
        self.assertEqual(evaluate.prf(0, 3, 2)[2], 0.0)


class VoiceActivityScoringTests(unittest.TestCase):
    def test_hops_near_a_truth_boundary_are_not_scored(self):
        truth = np.zeros(100, bool)
        truth[40:60] = True
        est = np.zeros(100, bool)
        est[42:62] = True  # 2 hops late at both ends: inside the 5-hop collar
        self.assertEqual(list(evaluate.vad_counts(est, truth)), [10, 0, 0])

    def test_speech_far_from_any_boundary_counts(self):
        truth = np.zeros(100, bool)
        truth[40:60] = True
        est = truth.copy()
        est[80:90] = True
        self.assertEqual(list(evaluate.vad_counts(est, truth)), [10, 10, 0])


class PitchScoringTests(unittest.TestCase):
    def test_gross_octave_fine_and_voicing_errors(self):
        truth = np.array([100.0] * 8 + [0.0, 0.0])
        est = np.array([100.0, 101.0, 99.0, 100.0, 100.0, 100.0, 200.0, 130.0, 0.0, 120.0])
        s = evaluate.pitch_scores(est, truth)
        self.assertAlmostEqual(s["gross"], 2 / 8)     # 200 and 130 Hz are > 20 % off
        self.assertAlmostEqual(s["octave"], 1 / 8)    # 200 Hz is the octave
        self.assertAlmostEqual(s["voicing"], 1 / 10)  # 120 Hz where the truth is unvoiced
        self.assertAlmostEqual(s["cents"], 0.0, places=6)


class UnwarrantedCueTests(unittest.TestCase):
    fast = {"kind": "agent-fast", "changed_spans": [[60.0, 80.0]], "expected_cues": []}

    def test_slow_down_during_and_shortly_after_the_fast_speech_is_called_for(self):
        self.assertFalse(evaluate.unwarranted(self.fast, {"cue": "slow_down", "t": 75.0}))
        self.assertFalse(evaluate.unwarranted(self.fast, {"cue": "slow_down", "t": 89.0}))

    def test_slow_down_before_the_fast_speech_or_long_after_it_is_not(self):
        self.assertTrue(evaluate.unwarranted(self.fast, {"cue": "slow_down", "t": 35.0}))
        self.assertTrue(evaluate.unwarranted(self.fast, {"cue": "slow_down", "t": 97.4}))

    def test_acknowledge_is_about_the_customer_and_never_counts(self):
        calm = {"kind": "calm", "changed_spans": [], "expected_cues": []}
        self.assertFalse(evaluate.unwarranted(calm, {"cue": "acknowledge", "t": 10.0}))
        self.assertTrue(evaluate.unwarranted(calm, {"cue": "lower_voice", "t": 10.0}))

    def test_let_finish_is_called_for_only_by_an_agent_who_interrupts(self):
        interrupts = {"kind": "agent-interrupts", "changed_spans": [], "expected_cues": []}
        self.assertFalse(evaluate.unwarranted(interrupts, {"cue": "let_finish", "t": 50.0}))
        self.assertTrue(evaluate.unwarranted(self.fast, {"cue": "let_finish", "t": 70.0}))


class SpokenRateTests(unittest.TestCase):
    def test_the_true_rate_of_the_last_six_seconds_of_speech(self):
        # (start, end, syllables, speech seconds): 4 syl/s, then 6 syl/s.
        truth = {"utterances": {"agent": [[0.0, 4.0, 16, 4.0], [5.0, 9.0, 24, 4.0]]}}
        rate, first = evaluate.spoken_window(truth, 9.0)
        # The last 4 s at 6 syl/s and the whole earlier utterance (it is taken whole).
        self.assertAlmostEqual(rate, 40 / 8.0)
        self.assertEqual(first, 0.0)
        rate, _ = evaluate.spoken_window(truth, 7.0)  # half of the second utterance said
        self.assertAlmostEqual(rate, (16 + 12) / (4.0 + 2.0))

    def test_no_truth_rate_for_real_speech(self):
        truth = {"utterances": {"agent": [[0.0, 4.0, None, 4.0]]}}
        self.assertIsNone(evaluate.spoken_window(truth, 3.0))


class RealPitchCheckScoringTests(unittest.TestCase):
    def test_gross_errors_over_hops_both_voice_and_in_the_first_of_them(self):
        ref = np.full(400, 100.0)
        ref[:10] = 0                 # the reference starts voicing at hop 10
        est = np.full(400, 105.0)    # 5 % off: fine
        est[5:15] = 0                # unvoiced in kalm: not scored
        est[20:23] = 200.0           # an octave up, inside the first 200 hops both voice
        est[300:302] = 330.0         # gross, after them
        both, wrong, first, wrong_first = real_pitch_check.gross(est, ref)
        self.assertEqual((both, wrong), (385, 5))
        self.assertEqual((first, wrong_first), (real_pitch_check.FIRST_HOPS, 3))

    def test_share_reads_percentages(self):
        self.assertEqual(real_pitch_check.share(np.array([200, 10, 50, 5])), "5.0 % of 200 (10.0 %)")
        self.assertEqual(real_pitch_check.share(np.array([200, 10, 50, 5]), True), "5.0 % of 200 (10.0 % of 50)")


if __name__ == "__main__":
    unittest.main()
