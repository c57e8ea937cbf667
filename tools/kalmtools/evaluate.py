"""tools/evaluate: scores `kalm analyze` against the generated ground truth, next to peer
tools on the same files, and prints one table (Markdown). See tools/make-call for the sets.

Rows: pitch (gross, octave, fine error, voicing), voice activity (F1 per condition, echo
false speech, and of it what the echo makes: speech there that the call's twin without the
echo does not have), tempo (error on espeak-ng speech, scaling on time-stretched real speech),
events (interruption / backchannel F1, false interruptions, pause and dead-air recall),
escalation (episodes, expected and unwarranted cues, and each party's running tempo against
the true rate of the same 6 s of speech, from the syllables the generator placed).
"""
import argparse
import concurrent.futures
import csv
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

from . import audio, calls, peers, rules

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))



# Scenarios scored on rows of their own, and the label added to their condition.
OWN_ROWS = {"opening": " upset opening", "twice": " two episodes", "unresolved": " unresolved"}

def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_kalm(kalm, path, outdir, condition="clean", extra=()):
    """Runs kalm analyze on one file, with the counter's profile for the room condition."""
    base = os.path.join(outdir, os.path.basename(path))
    frames, events, summary = base + ".frames.csv", base + ".events.jsonl", base + ".summary.json"
    profile = ["--profile", "counter-room"] if condition == "room" else []
    subprocess.run([kalm, "analyze", path, "--frames", frames, "--events", events, "--summary", summary, "-q"]
                   + profile + list(extra), check=True)
    rows = {"agent": [], "customer": []}
    with open(frames) as f:
        for r in csv.DictReader(f):
            rows[r["party"]].append(r)
    with open(events) as f:
        evs = [json.loads(line) for line in f if line.strip()]
    with open(summary) as f:
        summ = json.load(f)
    return rows, evs, summ


def long_segments(mask):
    """Runs of True of at least 0.1 s (10 hops)."""
    return [s for s in audio.segments(mask) if s[1] - s[0] >= 10]


def f0_column(rows, frames):
    f0 = np.zeros(frames)
    for k, r in enumerate(rows[:frames]):
        f0[k] = float(r["f0_hz"]) if r["f0_hz"] else 0
    return f0


def pitch_scores(est, truth):
    """Gross error rate and octave errors over frames voiced in both, median fine error in
    cents over the others, voicing decision error over all decided frames."""
    n = min(len(est), len(truth))
    est, truth = est[:n], truth[:n]
    decided = truth >= 0
    both = (truth > 0) & (est > 0)
    ratio = est[both] / truth[both]
    gross = np.abs(ratio - 1) > 0.2
    octave = (np.abs(ratio - 2) < 0.2 * 2) | (np.abs(ratio - 0.5) < 0.2 * 0.5)
    cents = np.abs(1200 * np.log2(ratio[~gross])) if (~gross).any() else np.array([np.nan])
    voicing = np.mean((truth[decided] > 0) != (est[decided] > 0))
    return {"gross": float(gross.mean()) if both.any() else np.nan,
            "octave": float(octave.mean()) if both.any() else np.nan,
            "cents": float(np.median(cents)), "voicing": float(voicing)}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def vad_counts(est, truth, collar=5):
    """tp, fp, fn over hops, skipping `collar` hops around every truth boundary."""
    n = min(len(est), len(truth))
    est, truth = est[:n].astype(bool), truth[:n].astype(bool)
    edges = np.flatnonzero(np.diff(truth.astype(np.int8)) != 0)
    keep = np.ones(n, bool)
    for e in edges:
        keep[max(0, e - collar + 1): e + collar + 1] = False
    est, truth = est[keep], truth[keep]
    return np.array([np.sum(est & truth), np.sum(est & ~truth), np.sum(~est & truth)])


def truth_activity(truth, party, frames):
    act = np.zeros(frames, bool)
    for s, e in truth["segments"][party]:
        act[int(round(s / 0.01)): int(round(e / 0.01))] = True
    return act


def match_events(est, required, allowed, kind, keys, tol):
    """tp, fp, fn: a kalm event is a hit when it matches an allowed truth event (loose
    thresholds), a false alarm otherwise; a required truth event (strict thresholds) that
    no kalm event matches is a miss."""
    def same(x, y):
        return abs(y["t"] - x["t"]) <= tol and all(y.get(k) == x.get(k) for k in keys)
    e = [x for x in est if x["type"] == kind]
    req = [x for x in required if x["type"] == kind]
    ok = [x for x in allowed if x["type"] == kind]
    tp = sum(1 for y in e if any(same(x, y) for x in ok))
    fn = sum(1 for x in req if not any(same(x, y) for y in e))
    return tp, len(e) - tp, fn


def pitch_agreement(rows, path, duration_s):
    """Hops voiced by both kalm and Praat on each party's channel of a call, and those of
    them more than 20 % apart (real and synthesised speech, whose true F0 is not known)."""
    frames = int(round(duration_s / 0.01))
    both = apart = 0
    for channel, party in enumerate(("agent", "customer"), start=1):
        k = f0_column(rows[party], frames)
        p = peers.praat_pitch(path, frames, channel)
        voiced = (k > 0) & (p > 0)
        both += int(voiced.sum())
        apart += int((np.abs(k[voiced] / p[voiced] - 1) > 0.2).sum())
    return np.array([both, apart])


def unwarranted(truth, cue):
    """Whether a behaviour cue (slow_down, lower_voice, let_finish, take_pause) is one the
    agent's speech did not call for: any to an agent who speaks as in calm (every kind but
    'agent-*'); for 'agent-fast', a slow_down or lower_voice more than 10 s after the changed
    speech ended (the tempo spans the agent's last 6 s of speech, some 10 s of a conversation)
    or before it began, and any let_finish or take_pause; for 'agent-interrupts', all but
    let_finish. Truth files from before 'changed_spans' was written take the longest changed
    span, 40 s."""
    kind = truth["kind"]
    spans = truth.get("changed_spans")
    if kind == "agent-fast" and not spans:
        start = truth["expected_cues"][0]["from"]
        spans = [[start, start + 40.0]]
    if cue["cue"] not in ("slow_down", "lower_voice", "let_finish", "take_pause"):
        return False
    if kind == "agent-fast" and cue["cue"] in ("slow_down", "lower_voice") and \
            any(a <= cue["t"] <= b + 10.0 for a, b in spans):
        return False
    return not (kind == "agent-interrupts" and cue["cue"] == "let_finish")


def unwarranted_cues(truth, cues):
    """How many of `cues` the agent's speech did not call for (``unwarranted``)."""
    return sum(1 for c in cues if unwarranted(truth, c))


def spoken_window(truth, t, party="agent", span_s=6.0):
    """The party's true articulation rate over their last `span_s` seconds of speech before
    `t`, in syllables per second (the syllables the generator put in each utterance over the
    utterance's own speech time; an utterance in progress at `t` counts with the share of it
    said), and the start of the earliest utterance in it. None for real speech, before the
    party has spoken, or for truth files from before 'utterances' was written."""
    utterances = truth.get("utterances", {}).get(party)
    if not utterances or any(u[2] is None for u in utterances):
        return None
    syllables, seconds, first = 0.0, 0.0, t
    for start, end, syl, speech in reversed([u for u in utterances if u[0] < t]):
        share = min(1.0, (t - start) / (end - start)) if end > start else 1.0
        syllables += syl * share
        seconds += speech * share
        first = start
        if seconds >= span_s:
            break
    return (syllables / seconds, first) if seconds > 0 else None


def changed_spans_of(truth, party):
    """The spans in which `party` speaks changed (the changing party is the agent in the
    'agent-*' kinds, else the customer)."""
    changing = "agent" if truth["kind"].startswith("agent") else "customer"
    return truth.get("changed_spans") or [] if party == changing else []


def spoken_tempo_rise(truth, t, party="agent"):
    """How far the party's true rate over their last 6 s of speech before `t`
    (``spoken_window``) lies above their rate outside the changed spans, as a fraction."""
    window = spoken_window(truth, t, party)
    if window is None:
        return None
    changed = changed_spans_of(truth, party)
    calm = [u for u in truth["utterances"][party] if not any(a <= u[0] < b for a, b in changed)]
    seconds = sum(u[3] for u in calm)
    return window[0] / (sum(u[2] for u in calm) / seconds) - 1 if seconds > 0 else None


def conversation_tempo_errors(truth, rows, party):
    """kalm's running tempo against the generator's true rate over the same last 6 s of
    speech (``spoken_window``), once per second of the party's speech from 10 s on, as
    fractions (kalm / true - 1): (every such second, the seconds whose 6 s lie wholly in
    the party's changed speech)."""
    every, changed = [], []
    spans = changed_spans_of(truth, party)
    for k in range(1000, len(rows), 100):
        r = rows[k]
        if r["speech"] != "1" or not r["tempo_sps"]:
            continue
        t = float(r["t"])
        window = spoken_window(truth, t, party)
        if window is None:
            continue
        error = float(r["tempo_sps"]) / window[0] - 1
        every.append(error)
        if any(a <= window[1] and t <= b for a, b in spans):
            changed.append(error)
    return every, changed


def opening_calibration(kalm, path, truth_path, outdir):
    """`--agent-baseline` arguments for an escalation call: a stored calibration (`kalm calibrate`)
    of the call's calm opening, the audio before its first changed utterance (at most 50 s; an
    upset opening's agent is calm throughout). None when kalm refuses it (too little speech)."""
    with open(truth_path) as f:
        truth = json.load(f)
    spans = [] if truth["kind"] == "opening" else truth.get("changed_spans") or []
    end = min([s[0] for s in spans] + [50.0])
    base = os.path.join(outdir, os.path.basename(path))
    subprocess.run(["sox", path, base + ".opening.wav", "trim", "0", f"{end:.3f}"], check=True)
    made = subprocess.run([kalm, "calibrate", base + ".opening.wav", "-o", base + ".calibration.json"],
                          capture_output=True, text=True)
    if made.returncode != 0:
        log(f"no calibration for {path}: {made.stderr.strip()}")
        return ()
    return ("--agent-baseline", base + ".calibration.json")


def evaluate(manifest_dir, kalm, workers, agreement=False, calibrated=False):
    with open(os.path.join(manifest_dir, "manifest.json")) as f:
        items = json.load(f)["items"]
    paths = [os.path.join(manifest_dir, it["file"]) for it in items]
    log(f"kalm analyze on {len(paths)} files")

    def analyse(path, it, outdir):
        extra = opening_calibration(kalm, path, os.path.join(manifest_dir, it["truth"]), outdir) \
            if calibrated and it["kind"] == "escalation" else ()
        return run_kalm(kalm, path, outdir, it.get("condition", "clean"), extra)

    with tempfile.TemporaryDirectory(prefix="kalm-eval-") as outdir, \
            concurrent.futures.ThreadPoolExecutor(workers) as ex:
        results = list(ex.map(lambda pi: analyse(pi[0], pi[1], outdir), zip(paths, items)))
        # The echo calls' twins without the echo (see echo_made below).
        twin_items = [it for it in items if "without_echo" in it]
        twins = dict(zip((it["file"] for it in twin_items),
                         ex.map(lambda it: run_kalm(kalm, os.path.join(manifest_dir, it["without_echo"]), outdir,
                                                    it.get("condition", "clean")), twin_items)))
    res = {}
    pitch = {}
    vad = {}
    events = {}
    tempo = {"kalm": [], "dejong": []}
    stretch = {}
    echo_false = {}
    escalation = {}
    praat_agreement = {}
    for it, path, (rows, evs, summ) in zip(items, paths, results):
        with open(os.path.join(manifest_dir, it["truth"])) as f:
            truth = json.load(f)
        kind, cond = it["kind"], it.get("condition", "clean")
        if agreement and kind in ("call", "escalation"):
            acc = praat_agreement.setdefault(cond, np.zeros(2, int))
            acc += pitch_agreement(rows, path, truth["duration_s"])
        if kind == "pitch":
            ref = np.array(truth["f0"])
            n = len(ref)
            for tool, est in (("kalm", f0_column(rows["agent"], n)),
                              ("aubio", peers.aubio_pitch(path, n)),
                              ("praat", peers.praat_pitch(path, n))):
                pitch.setdefault((tool, cond), []).append(pitch_scores(est, ref))
        elif kind == "call":
            rate, sig = audio.read_wav(path)
            twin = twins.get(it["file"])
            twin_sig = audio.read_wav(os.path.join(manifest_dir, it["without_echo"]))[1] if twin else None
            frames = int(round(truth["duration_s"] / 0.01))
            for ci, party in enumerate(("agent", "customer")):
                ref = truth_activity(truth, party, frames)
                other = truth_activity(truth, "customer" if party == "agent" else "agent", frames)
                est = np.array([r["speech"] == "1" for r in rows[party]])
                web = peers.webrtc_vad(sig[:, ci], rate)
                without = {}
                if twin:
                    without = {"kalm": np.array([r["speech"] == "1" for r in twin[0][party]]),
                               "webrtcvad": peers.webrtc_vad(twin_sig[:, ci], rate)}
                for tool, e in (("kalm", est), ("webrtcvad", web)):
                    vad.setdefault((tool, cond), np.zeros(3, int))
                    vad[(tool, cond)] += vad_counts(e, ref)
                    if cond.startswith("echo"):
                        n = min(len(e), frames)
                        false = e[:n] & ~ref[:n] & other[:n]
                        solo = other[:n] & ~ref[:n]
                        acc = echo_false.setdefault((tool, cond), [0, 0, 0, 0, 0, 0])
                        acc[0] += int(false.sum())
                        acc[1] += int(solo.sum())
                        acc[2] += len(long_segments(false))
                        if tool in without:
                            # Echo-made: false speech in frames that are not speech in the same
                            # call without the echo (the rest is the party's own sound, such as
                            # a real recording's quiet word ending under the truth's threshold).
                            w = without[tool]
                            m = min(n, len(w))
                            made = false[:m] & ~w[:m]
                            acc[3] += int(made.sum())
                            acc[4] += len(long_segments(made))
                            acc[5] += 1
            acts = [truth_activity(truth, p, frames) for p in ("agent", "customer")]
            required = rules.events(*acts, **rules.STRICT)
            allowed = rules.events(*acts, **rules.LOOSE)
            ev = events.setdefault(cond, {})
            for kindname, keys, tol in (("interruption", ("by", "of"), 0.5), ("backchannel", ("by",), 0.5),
                                        ("pause", ("party",), 0.3), ("dead_air", (), 0.5)):
                c = ev.setdefault(kindname, np.zeros(3, int))
                c += match_events(evs, required, allowed, kindname, keys, tol)
        elif kind == "escalation":
            scenario = it["scenario"]
            # Upset openings (found only in hindsight), two episodes in a call and an episode
            # still open at the end are scored on their own rows.
            acc = escalation.setdefault(cond + OWN_ROWS.get(scenario, ""), {"tp": 0, "fp": 0, "fn": 0, "onset": [], "end": [], "ttr": [],
                                               "cues_expected": 0, "cues_hit": 0, "false_episodes_mild": 0,
                                               "cues_in_calm": 0, "calm_minutes": 0.0, "cues_in_mild": 0,
                                               "unwarranted_cues": 0, "unwarranted_slow_down_rises": [],
                                               "tempo_errors": [], "tempo_changed_errors": [], "minutes": 0.0})
            kalm_eps = [e for e in evs if e["type"] == "escalation"]
            used = set()
            for ep in truth["escalations"]:
                match = None
                for i, k in enumerate(kalm_eps):
                    k_end = k["end"] if k["end"] is not None else truth["duration_s"]
                    ep_end = ep["end"] if ep["end"] is not None else truth["duration_s"]
                    if i not in used and k["party"] == ep["party"] and k["start"] < ep_end and k_end > ep["start"]:
                        match = i
                        break
                if match is None:
                    acc["fn"] += 1
                    continue
                used.add(match)
                k = kalm_eps[match]
                acc["tp"] += 1
                acc["onset"].append(abs(k["start"] - ep["start"]))
                if ep["end"] is None:
                    # Still open at the end of the call: kalm must report it unresolved.
                    acc["end"].append(0.0 if k["end"] is None else float("inf"))
                elif k["end"] is not None:
                    acc["end"].append(abs(k["end"] - ep["end"]))
                    acc["ttr"].append(abs((k["end"] - k["start"]) - (ep["end"] - ep["start"])))
                else:
                    acc["end"].append(float("inf"))
                    acc["ttr"].append(float("inf"))
            acc["fp"] += len(kalm_eps) - len(used)
            if scenario == "mild":
                acc["false_episodes_mild"] += len(kalm_eps)
                acc["cues_in_mild"] += sum(1 for e in evs if e["type"] == "cue")
            cues = [e for e in evs if e["type"] == "cue"]
            acc["unwarranted_cues"] += unwarranted_cues(truth, cues)
            acc["unwarranted_slow_down_rises"] += [spoken_tempo_rise(truth, c["t"]) for c in cues
                                                   if c["cue"] == "slow_down" and unwarranted(truth, c)]
            acc["minutes"] += truth["duration_s"] / 60
            for party in ("agent", "customer"):
                every, changed = conversation_tempo_errors(truth, rows[party], party)
                acc["tempo_errors"] += every
                acc["tempo_changed_errors"] += changed
            for c in truth["expected_cues"]:
                acc["cues_expected"] += 1
                if any(e["cue"] == c["cue"] and c["from"] <= e["t"] <= c["to"] for e in cues):
                    acc["cues_hit"] += 1
            if scenario == "calm":
                acc["cues_in_calm"] += len(cues)
                acc["calm_minutes"] += truth["duration_s"] / 60
        elif kind == "tempo":
            est = summ["agent"].get("tempo_sps")
            true = truth["articulation_rate"]
            tempo["kalm"].append(abs(est - true) / true if est else 1.0)
            dj = peers.dejong_rate(path)
            tempo["dejong"].append(abs(dj - true) / true if dj else 1.0)
        elif kind == "stretch":
            stretch.setdefault(it["source"], {})[it["factor"]] = (summ["agent"].get("tempo_sps"),
                                                                   peers.dejong_rate(path))
    res["pitch"] = {f"{t}/{c}": {k: float(np.nanmean([s[k] for s in v])) for k in v[0]} for (t, c), v in pitch.items()}
    res["praat_agreement"] = {c: {"both_voiced_hops": int(v[0]), "more_than_20_percent_apart": float(v[1] / v[0])}
                              for c, v in praat_agreement.items() if v[0]}
    res["vad"] = {f"{t}/{c}": dict(zip(("precision", "recall", "f1"), prf(*v))) for (t, c), v in vad.items()}
    res["echo"] = {f"{t}/{c}": {"false_speech_s": v[0] * 0.01, "other_solo_s": v[1] * 0.01,
                                "false_segments": v[2],
                                **({"echo_made_s": v[3] * 0.01, "echo_made_segments": v[4]} if v[5] else {})}
                   for (t, c), v in echo_false.items()}
    res["events"] = {c: {k: dict(zip(("precision", "recall", "f1", "tp", "fp", "fn"),
                                     list(prf(*v)) + [int(x) for x in v])) for k, v in d.items()}
                     for c, d in events.items()}
    if escalation:
        res["escalation"] = {}
        for cond, acc in escalation.items():
            p, r, f1 = prf(acc["tp"], acc["fp"], acc["fn"])
            med = lambda v: float(np.median(v)) if v else None
            abs_tempo = [abs(x) for x in acc["tempo_errors"]]
            res["escalation"][cond] = {
                "precision": p, "recall": r, "f1": f1, "episodes": acc["tp"] + acc["fn"],
                "onset_error_median_s": med(acc["onset"]), "onset_error_max_s": max(acc["onset"], default=None),
                "end_error_median_s": med(acc["end"]), "end_error_max_s": max(acc["end"], default=None),
                "ttr_error_median_s": med(acc["ttr"]), "ttr_error_max_s": max(acc["ttr"], default=None),
                "expected_cues": acc["cues_expected"], "expected_cues_hit": acc["cues_hit"],
                "episodes_in_mild": acc["false_episodes_mild"], "cues_in_mild": acc["cues_in_mild"],
                "cues_per_minute_calm": acc["cues_in_calm"] / acc["calm_minutes"] if acc["calm_minutes"] else None,
                "unwarranted_cues": acc["unwarranted_cues"],
                "unwarranted_slow_down_spoken_rises": acc["unwarranted_slow_down_rises"], "minutes": acc["minutes"],
                "tempo_vs_spoken": {
                    "seconds": len(abs_tempo), "median_abs_error": med(abs_tempo),
                    "p90_abs_error": float(np.percentile(abs_tempo, 90)) if abs_tempo else None,
                    "changed_seconds": len(acc["tempo_changed_errors"]),
                    "changed_median_error": med(acc["tempo_changed_errors"])}}
    if tempo["kalm"]:
        res["tempo"] = {t: {"median_abs_error": float(np.median(v)), "max_abs_error": float(np.max(v)),
                            "files": len(v)} for t, v in tempo.items()}
    if stretch:
        errs = {"kalm": [], "dejong": []}
        for src, d in stretch.items():
            for f, (k, dj) in d.items():
                if f == 1.0:
                    continue
                for tool, v, base in (("kalm", k, d[1.0][0]), ("dejong", dj, d[1.0][1])):
                    errs[tool].append(abs((v / base) / f - 1) if v and base else 1.0)
        res["stretch"] = {t: {"median_abs_error": float(np.median(v)), "max_abs_error": float(np.max(v))}
                          for t, v in errs.items()}
    return res


def pct(x):
    return f"{100 * x:.1f} %"


def table(res):
    out = ["| measure | condition | kalm | peer | peer value | target |", "|---|---|---|---|---|---|"]
    for cond in ("clean", "tel"):
        k = res["pitch"].get(f"kalm/{cond}")
        if not k:
            continue
        for metric, label, target in (("gross", "pitch gross error", "<= 2 %" if cond == "clean" else "<= 3 %"),
                                      ("octave", "pitch octave error", "<= 1 %"),
                                      ("voicing", "voicing decision error", "<= 10 %")):
            for peer in ("aubio", "praat"):
                p = res["pitch"][f"{peer}/{cond}"]
                out.append(f"| {label} | {cond} | {pct(k[metric])} | {peer} | {pct(p[metric])} | {target} |")
        for peer in ("aubio", "praat"):
            p = res["pitch"][f"{peer}/{cond}"]
            out.append(f"| pitch fine error (median) | {cond} | {k['cents']:.1f} cents | {peer} | "
                       f"{p['cents']:.1f} cents | <= 15 cents |")
    targets = {"clean": ">= 0.95", "pink15": ">= 0.95", "pink5": ">= 0.85", "tel": ">= 0.93"}
    for cond in calls.CONDITIONS:
        k = res["vad"].get(f"kalm/{cond}")
        if k:
            w = res["vad"][f"webrtcvad/{cond}"]
            out.append(f"| voice activity F1 | {cond} | {k['f1']:.3f} | webrtcvad | {w['f1']:.3f} | "
                       f"{targets.get(cond, '')} |")
    for cond in ("echo20", "echo12"):
        k = res["echo"].get(f"kalm/{cond}")
        if k:
            w = res["echo"][f"webrtcvad/{cond}"]
            out.append(f"| false speech from echo (segments >= 0.1 s) | {cond} | {k['false_segments']} "
                       f"({k['false_speech_s']:.1f} s of {k['other_solo_s']:.0f} s) | webrtcvad | "
                       f"{w['false_segments']} ({w['false_speech_s']:.1f} s) | 0 |")
            if "echo_made_segments" in k:
                out.append(f"| of it made by the echo (not speech in the same call without it) | {cond} | "
                           f"{k['echo_made_segments']} ({k['echo_made_s']:.1f} s) | webrtcvad | "
                           f"{w['echo_made_segments']} ({w['echo_made_s']:.1f} s) | 0 |")
    for cond, v in res.get("praat_agreement", {}).items():
        out.append(f"| pitch > 20 % apart from Praat (hops both voice, generated calls) | {cond} | "
                   f"{pct(v['more_than_20_percent_apart'])} of {v['both_voiced_hops']} | | | |")
    if "tempo" in res:
        out.append(f"| tempo error (median, espeak-ng) | clean | {pct(res['tempo']['kalm']['median_abs_error'])} | "
                   f"de Jong & Wempe | {pct(res['tempo']['dejong']['median_abs_error'])} | <= 10 % |")
    if "stretch" in res:
        k, d = res["stretch"]["kalm"], res["stretch"]["dejong"]
        out.append(f"| tempo scaling error (max / median, sox tempo 0.75-1.5) | AMI | "
                   f"{pct(k['max_abs_error'])} / {pct(k['median_abs_error'])} | de Jong & Wempe | "
                   f"{pct(d['max_abs_error'])} / {pct(d['median_abs_error'])} | <= 5 % |")
    for cond, e in res.get("escalation", {}).items():
        def sec(v):
            return "-" if v is None else ("open" if v == float("inf") else f"{v:.1f} s")
        out.append(f"| escalation episodes P / R ({e['episodes']} true) | {cond} | {e['precision']:.2f} / {e['recall']:.2f} "
                   f"| | | >= 0.95 / >= 0.95 |")
        out.append(f"| episode onset error (median / max) | {cond} | {sec(e['onset_error_median_s'])} / "
                   f"{sec(e['onset_error_max_s'])} | | | <= 3 s |")
        out.append(f"| episode end error (median / max) | {cond} | {sec(e['end_error_median_s'])} / "
                   f"{sec(e['end_error_max_s'])} | | | <= 5 s |")
        out.append(f"| tijd-tot-rust error (median / max) | {cond} | {sec(e['ttr_error_median_s'])} / "
                   f"{sec(e['ttr_error_max_s'])} | | | <= 5 s |")
        out.append(f"| behaviour cues the agent's speech did not call for | {cond} | {e['unwarranted_cues']} in "
                   f"{e['minutes']:.0f} min | | | |")
        tv = e["tempo_vs_spoken"]
        if tv["seconds"]:
            changed = "-" if tv["changed_median_error"] is None else f"{100 * tv['changed_median_error']:+.1f} %"
            out.append(f"| tempo vs the true rate of its 6 s of speech: error median / 90 % (changed speech: "
                       f"signed median) | {cond} | {pct(tv['median_abs_error'])} / "
                       f"{pct(tv['p90_abs_error'])} ({changed}) | | | |")
        rises = e["unwarranted_slow_down_spoken_rises"]
        if rises:
            said = ", ".join("?" if r is None else f"{100 * r:+.0f} %" for r in rises)
            out.append(f"| of them slow_down: the agent's true rate over their last 6 s of speech, against "
                       f"their calm rate | {cond} | "
                       f"{said} | | | |")
        if e["expected_cues"]:
            out.append(f"| expected cues within 5 s | {cond} | {e['expected_cues_hit']} of {e['expected_cues']} | | | all |")
        if any(cond.endswith(label) for label in OWN_ROWS.values()):
            continue
        out.append(f"| episodes / cues from mild changes | {cond} | {e['episodes_in_mild']} / {e['cues_in_mild']} | | | 0 / 0 |")
        cpm = e["cues_per_minute_calm"]
        out.append(f"| cues per minute of calm talk | {cond} | {'-' if cpm is None else f'{cpm:.2f}'} | | | <= 0.5 |")
    for cond, d in res["events"].items():
        for kind, target in (("interruption", ">= 0.95"), ("backchannel", ""), ("pause", ""), ("dead_air", "")):
            v = d.get(kind)
            if v:
                out.append(f"| {kind} F1 (P {v['precision']:.2f} / R {v['recall']:.2f}) | {cond} | {v['f1']:.3f} "
                           f"| | | {target} |")
    return "\n".join(out)


def main(argv=None):
    p = argparse.ArgumentParser(prog="evaluate", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", default="generated/eval", help="folder made by tools/make-call")
    p.add_argument("--kalm", default=os.path.join(ROOT, ".build", "release", "kalm"))
    p.add_argument("--json", help="also write the numbers as JSON here")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    p.add_argument("--pitch-agreement", action="store_true",
                   help="also score kalm's pitch against Praat's on every call's speech (slow: Praat on each channel)")
    p.add_argument("--calibrated", action="store_true",
                   help="analyse each escalation call with a stored agent calibration (kalm calibrate) made "
                        "from its calm opening, as an agent who calibrated beforehand")
    a = p.parse_args(argv)
    res = evaluate(a.set, a.kalm, a.workers, a.pitch_agreement, a.calibrated)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)
    print(table(res))


if __name__ == "__main__":
    main()
