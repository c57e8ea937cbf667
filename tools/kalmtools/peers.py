"""Peer tools run on the same files as kalm: aubio (yinfft pitch), Praat's autocorrelation
pitch (parselmouth), webrtcvad, and a de Jong & Wempe (2009) syllable-nuclei speech rate."""
import subprocess

import numpy as np

from . import audio


def aubio_pitch(path, frames):
    """aubiopitch -p yinfft, 10 ms hop; returns f0 per hop (0 = unvoiced)."""
    rate = int(subprocess.run(["soxi", "-r", path], capture_output=True, text=True, check=True).stdout)
    hop = rate // 100
    buf = 2048 if rate > 16000 else 1024 if rate > 8000 else 512
    out = subprocess.run(["aubiopitch", "-i", path, "-p", "yinfft", "-r", str(rate), "-H", str(hop),
                          "-B", str(buf), "-u", "Hz", "-s", "-70"],
                         capture_output=True, text=True, check=True).stdout
    f0 = np.zeros(frames)
    for line in out.splitlines():
        t, f = map(float, line.split())
        k = int(round(t / 0.01))
        if 0 <= k < frames:
            f0[k] = f if 60 <= f <= 500 else 0
    return f0


def praat_pitch(path, frames, channel=1):
    """Praat's To Pitch (ac), 60-500 Hz, 10 ms steps; f0 per hop centre (0 = unvoiced).
    `channel` (1-based) picks one channel of a stereo file."""
    import parselmouth
    snd = parselmouth.Sound(path)
    if snd.n_channels > 1:
        snd = snd.extract_channel(channel)
    pitch = snd.to_pitch_ac(time_step=0.01, pitch_floor=60, pitch_ceiling=500)
    f0 = np.zeros(frames)
    for k in range(frames):
        v = pitch.get_value_at_time(k * 0.01 + 0.005)
        f0[k] = 0 if v is None or np.isnan(v) else v
    return f0


def webrtc_vad(signal, rate, mode=2):
    """webrtcvad on 10 ms frames of one channel; returns bool per hop."""
    import webrtcvad
    vad = webrtcvad.Vad(mode)
    if rate not in (8000, 16000, 32000, 48000):
        signal, rate = audio.resample(signal, rate, 16000), 16000
    hop = rate // 100
    pcm = (np.clip(signal, -1, 1) * 32767).astype("<i2")
    n = len(pcm) // hop
    return np.array([vad.is_speech(pcm[k * hop:(k + 1) * hop].tobytes(), rate) for k in range(n)])


def dejong_rate(path, silence_db=-25.0, min_dip=2.0, min_pause=0.3):
    """Articulation rate by de Jong & Wempe's method: intensity peaks above a threshold
    25 dB below the 99th percentile, preceded by a dip of >= 2 dB, voiced, divided by the
    phonation time (intensity above threshold, pauses >= 0.3 s removed)."""
    import parselmouth
    snd = parselmouth.Sound(path)
    if snd.n_channels > 1:
        snd = snd.extract_channel(1)
    intensity = snd.to_intensity(minimum_pitch=50, time_step=0.01)
    values = intensity.values[0]
    times = intensity.xs()
    threshold = np.quantile(values, 0.99) + silence_db
    pitch = snd.to_pitch_ac(time_step=0.01, pitch_floor=60, pitch_ceiling=500)
    peaks = [i for i in range(1, len(values) - 1)
             if values[i] > values[i - 1] and values[i] >= values[i + 1] and values[i] > threshold]
    count, last = 0, None
    for i in peaks:
        if last is not None and values[i] - values[last:i + 1].min() < min_dip:
            if values[i] > values[last]:
                last = i
            continue
        v = pitch.get_value_at_time(times[i])
        if v is not None and not np.isnan(v):
            count += 1
            last = i
    sounding = audio.bridge(values > threshold, int(min_pause / 0.01) - 1)
    phonation = sounding.sum() * 0.01
    return count / phonation if phonation > 0 else None
