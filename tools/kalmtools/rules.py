"""The contract's conversation rules applied to ground-truth speech segments (in hops),
so truth events follow the same definitions kalm implements."""
import numpy as np

from . import audio

PAUSE, DEAD_AIR, OVERLAP, SEGMENT, BACKCHANNEL_FRACTION = 50, 300, 50, 100, 0.5
# A spurt starting within this many hops of the other's last speech starts while they speak.
ONSET = 20

# Tolerance bands around the thresholds for scoring: an event is required when it clears
# the strict thresholds, and allowed when it clears the loose ones.
STRICT = dict(pause=60, dead_air=350, overlap=60, segment=120, backchannel_max=80, onset=10)
LOOSE = dict(pause=40, dead_air=250, overlap=40, segment=80, backchannel_max=120, onset=30)
CONTRACT = dict(pause=PAUSE, dead_air=DEAD_AIR, overlap=OVERLAP, segment=SEGMENT, backchannel_max=SEGMENT,
                onset=ONSET)


def events(act_a, act_c, pause=PAUSE, dead_air=DEAD_AIR, overlap=OVERLAP, segment=SEGMENT,
           backchannel_max=SEGMENT, onset=ONSET):
    """act_a, act_c: boolean arrays per hop (agent, customer). Returns a list of dicts.

    Pauses and dead air are judged on segments; interruptions and backchannels on talk
    spurts (segments joined across silences shorter than a pause), as kalm does. A spurt
    starts while the other speaks when the other spoke in the `onset` hops before it, and
    its overlap is counted with that spurt of the other's only (a later one is the other's
    own interruption)."""
    n = max(len(act_a), len(act_c))
    a = np.zeros(n, bool)
    c = np.zeros(n, bool)
    a[: len(act_a)] = act_a
    c[: len(act_c)] = act_c
    acts = {"agent": a, "customer": c}
    spurts = {p: _segments(audio.bridge(v, PAUSE - 1)) for p, v in acts.items()}
    out = []
    for party, other in (("agent", "customer"), ("customer", "agent")):
        me, them = acts[party], acts[other]
        segs = _segments(me)
        for i in range(1, len(segs)):
            s, prev_end = segs[i][0], segs[i - 1][1]
            if s - prev_end >= pause and not them[prev_end:s].any():
                out.append({"type": "pause", "t": prev_end * 0.01, "party": party,
                            "duration_s": (s - prev_end) * 0.01})
        for (s, e) in spurts[party]:
            if s == 0 or not them[max(0, s - onset):s].any():
                continue  # not started while the other was speaking
            last = s - 1 - int(np.argmax(them[:s][::-1]))
            other_end = next(oe for os, oe in spurts[other] if os <= last < oe)
            end = min(e, other_end)
            both = int(np.sum(me[s:end] & them[s:end]))
            length = e - s
            if both >= overlap and length >= segment:
                out.append({"type": "interruption", "t": s * 0.01, "by": party, "of": other,
                            "overlap_s": both * 0.01})
            elif length < backchannel_max and both >= BACKCHANNEL_FRACTION * length:
                out.append({"type": "backchannel", "t": s * 0.01, "by": party, "duration_s": length * 0.01})
    both = a | c
    segs = _segments(both)
    for i in range(1, len(segs)):
        gap = segs[i][0] - segs[i - 1][1]
        if gap >= dead_air:
            out.append({"type": "dead_air", "t": segs[i - 1][1] * 0.01, "duration_s": gap * 0.01})
    out.sort(key=lambda e: e["t"])
    return out


def _segments(act):
    d = np.diff(np.concatenate([[0], act.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)))
