"""The ground truth's conversation rules (kalmtools.rules) against DESIGN.md's definitions, on
speech tracks whose events are known by construction."""
import unittest

import numpy as np

from kalmtools import audio, rules


def track(*spans_s, seconds=12.0):
    """A speech track per 10 ms hop, speaking in each (start_s, end_s)."""
    act = np.zeros(int(round(seconds / audio.HOP_S)), bool)
    for s, e in spans_s:
        act[int(round(s / audio.HOP_S)): int(round(e / audio.HOP_S))] = True
    return act


def of_type(events, kind):
    return [e for e in events if e["type"] == kind]


class InterruptionTests(unittest.TestCase):
    def test_a_long_overlapping_start_is_an_interruption_with_its_direction_and_overlap(self):
        ev = rules.events(track((0, 4)), track((3, 6)), **rules.CONTRACT)
        [i] = of_type(ev, "interruption")
        self.assertEqual((i["by"], i["of"]), ("customer", "agent"))
        self.assertAlmostEqual(i["t"], 3.0)
        self.assertAlmostEqual(i["overlap_s"], 1.0)
        self.assertEqual(of_type(ev, "backchannel"), [])

    def test_the_agent_interrupting_is_recorded_the_other_way(self):
        [i] = of_type(rules.events(track((2, 5)), track((0, 3)), **rules.CONTRACT), "interruption")
        self.assertEqual((i["by"], i["of"]), ("agent", "customer"))

    def test_an_overlap_under_half_a_second_is_no_interruption(self):
        ev = rules.events(track((0, 4)), track((3.6, 7)), **rules.CONTRACT)
        self.assertEqual(of_type(ev, "interruption"), [])

    def test_latching_is_neither_interruption_nor_backchannel(self):
        ev = rules.events(track((0, 4)), track((3.85, 7)), **rules.CONTRACT)
        self.assertEqual(of_type(ev, "interruption") + of_type(ev, "backchannel"), [])

    def test_a_breath_inside_the_interrupters_spurt_does_not_split_it(self):
        # 0.6 s + 0.3 s gap + 0.6 s: one spurt of 1.5 s, 1.2 s of it over the agent.
        ev = rules.events(track((0, 4)), track((2.0, 2.6), (2.9, 3.5)), **rules.CONTRACT)
        [i] = of_type(ev, "interruption")
        self.assertAlmostEqual(i["overlap_s"], 1.2)

    def test_the_overlap_counts_only_with_the_spurt_started_in(self):
        # The customer starts under the agent's first spurt (0.6 s of overlap); the agent's
        # later spurt, after a pause, is the agent's own interruption, not more of the
        # customer's overlap.
        ev = rules.events(track((0, 2.6), (4.0, 6.0)), track((2.0, 5.0)), **rules.CONTRACT)
        by = {i["by"]: i for i in of_type(ev, "interruption")}
        self.assertAlmostEqual(by["customer"]["overlap_s"], 0.6)
        self.assertAlmostEqual(by["agent"]["overlap_s"], 1.0)


class BackchannelTests(unittest.TestCase):
    def test_a_short_utterance_inside_the_others_speech_is_a_backchannel(self):
        ev = rules.events(track((0, 4)), track((1.5, 1.9)), **rules.CONTRACT)
        [b] = of_type(ev, "backchannel")
        self.assertEqual(b["by"], "customer")
        self.assertAlmostEqual(b["duration_s"], 0.4)
        self.assertEqual(of_type(ev, "interruption"), [])

    def test_a_short_utterance_mostly_after_the_other_stopped_is_no_backchannel(self):
        ev = rules.events(track((0, 4)), track((3.9, 4.5)), **rules.CONTRACT)
        self.assertEqual(of_type(ev, "backchannel"), [])


class PauseAndDeadAirTests(unittest.TestCase):
    def test_a_silence_of_half_a_second_inside_a_turn_is_a_pause(self):
        [p] = of_type(rules.events(track((0, 1), (1.7, 3)), track(), **rules.CONTRACT), "pause")
        self.assertEqual(p["party"], "agent")
        self.assertAlmostEqual(p["t"], 1.0)
        self.assertAlmostEqual(p["duration_s"], 0.7)

    def test_a_shorter_silence_is_no_pause(self):
        self.assertEqual(of_type(rules.events(track((0, 1), (1.4, 3)), track(), **rules.CONTRACT), "pause"), [])

    def test_a_silence_the_other_party_speaks_in_is_no_pause(self):
        ev = rules.events(track((0, 1), (2.5, 3)), track((1.2, 2.3)), **rules.CONTRACT)
        self.assertEqual(of_type(ev, "pause"), [])

    def test_both_silent_for_three_seconds_is_dead_air(self):
        ev = rules.events(track((0, 1)), track((4.5, 5)), **rules.CONTRACT)
        [d] = of_type(ev, "dead_air")
        self.assertAlmostEqual(d["t"], 1.0)
        self.assertAlmostEqual(d["duration_s"], 3.5)

    def test_under_three_seconds_is_no_dead_air(self):
        self.assertEqual(of_type(rules.events(track((0, 1)), track((3.8, 5)), **rules.CONTRACT), "dead_air"), [])


class ToleranceBandTests(unittest.TestCase):
    def test_an_event_on_the_threshold_is_allowed_but_not_required(self):
        # 0.5 s of overlap: an interruption by the contract, inside the scoring's tolerance.
        a, c = track((0, 4)), track((3.5, 6))
        self.assertEqual(len(of_type(rules.events(a, c, **rules.CONTRACT), "interruption")), 1)
        self.assertEqual(len(of_type(rules.events(a, c, **rules.LOOSE), "interruption")), 1)
        self.assertEqual(of_type(rules.events(a, c, **rules.STRICT), "interruption"), [])


if __name__ == "__main__":
    unittest.main()
