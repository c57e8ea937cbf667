"""Audio helpers: WAV I/O, sox conversions, noise, echo, telephone band, activity truth."""
import os
import subprocess
import tempfile

import numpy as np
from scipy.io import wavfile
from scipy.signal import butter, fftconvolve, lfilter, resample_poly, sosfiltfilt

HOP_S = 0.01


def read_wav(path):
    """Reads any file sox can read as float64 mono-or-multichannel at its own rate."""
    with tempfile.TemporaryDirectory() as d:
        tmp = os.path.join(d, "x.wav")
        subprocess.run(["sox", path, "-e", "floating-point", "-b", "32", tmp], check=True)
        rate, data = wavfile.read(tmp)
    return rate, data.astype(np.float64)


def write_wav(path, rate, data, encoding="pcm16"):
    """Writes `data` (samples x channels or 1-D) clipped to [-1, 1].

    encoding: pcm16 | float | mulaw | alaw | flac (flac is 16-bit).
    """
    data = np.clip(np.asarray(data, dtype=np.float64), -1.0, 1.0)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = os.path.join(d, "x.wav")
        wavfile.write(tmp, rate, data.astype(np.float32))
        args = {"pcm16": ["-e", "signed-integer", "-b", "16"],
                "float": ["-e", "floating-point", "-b", "32"],
                "mulaw": ["-e", "u-law", "-b", "8"],
                "alaw": ["-e", "a-law", "-b", "8"],
                "flac": ["-b", "16"]}[encoding]
        subprocess.run(["sox", "-D", tmp] + args + [path], check=True)


def resample(x, rate_in, rate_out):
    """Polyphase resampling."""
    if rate_in == rate_out:
        return x
    g = np.gcd(int(rate_in), int(rate_out))
    return resample_poly(x, rate_out // g, rate_in // g)


def sox_effect(x, rate, effects):
    """Runs a mono signal through sox effects (e.g. ['pitch', '200'], ['tempo', '1.2'])."""
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "a.wav"), os.path.join(d, "b.wav")
        wavfile.write(a, rate, x.astype(np.float32))
        subprocess.run(["sox", "-D", a, "-e", "floating-point", "-b", "32", b] + effects, check=True,
                       stderr=subprocess.DEVNULL)
        _, y = wavfile.read(b)
    return y.astype(np.float64)


def pink_noise(n, rng):
    """Pink (1/f) noise by Paul Kellet's filter on white noise, unit RMS."""
    b = [0.049922035, -0.095993537, 0.050612699, -0.004408786]
    a = [1, -2.494956002, 2.017265875, -0.522189400]
    y = lfilter(b, a, rng.standard_normal(n + 2000))[2000:]
    return y / np.sqrt(np.mean(y ** 2))


def quiet_spectrum(x, frame=512):
    """The mean power spectrum of the quietest tenth of `x`'s frames: a recording's room tone."""
    n = len(x) // frame
    frames = x[: n * frame].reshape(n, frame) * np.hanning(frame)
    p = np.mean(frames ** 2, axis=1)
    quiet = frames[p <= np.percentile(p, 10)]
    return np.mean(np.abs(np.fft.rfft(quiet, axis=1)) ** 2, axis=0)


def shaped_noise(n, spectrum, rng):
    """Noise with the power spectrum `spectrum` (rfft bins of one frame), unit RMS."""
    frame = 2 * (len(spectrum) - 1)
    h = np.roll(np.fft.irfft(np.sqrt(spectrum)), frame // 2) * np.hanning(frame)
    y = fftconvolve(rng.standard_normal(n + frame), h)[frame: frame + n]
    return y / np.sqrt(np.mean(y ** 2))


def active_power(x, rate, active):
    """Mean power of `x` over the 10 ms frames marked active."""
    hop = int(rate * HOP_S)
    frames = len(x) // hop
    p = np.mean(x[: frames * hop].reshape(frames, hop) ** 2, axis=1)
    act = active[:frames]
    return float(np.mean(p[act])) if act.any() else float(np.mean(p))


def activity(x, rate, bridge_s=0.15, below_peak_db=35.0, above_noise_db=None, highpass_hz=None):
    """Ground-truth speech activity per 10 ms hop of a clean signal: hops whose energy is
    within `below_peak_db` of the loudest hop and, for real recordings with their own room
    noise, at least `above_noise_db` above that background (the 10th percentile of the hops
    that are not digital silence); gaps shorter than `bridge_s` are bridged. With
    `highpass_hz` the energy is taken above that frequency: a real recording's thumps and
    rumble (a breath on the microphone, a knock on the table) lie below the voice's
    harmonics and are not speech."""
    if highpass_hz:
        x = sosfiltfilt(butter(4, highpass_hz, "highpass", fs=rate, output="sos"), x)
    hop = int(rate * HOP_S)
    frames = int(np.ceil(len(x) / hop))
    padded = np.zeros(frames * hop)
    padded[: len(x)] = x
    e = 10 * np.log10(np.mean(padded.reshape(frames, hop) ** 2, axis=1) + 1e-12)
    threshold = e.max() - below_peak_db
    audible = e[e > -100]
    if above_noise_db is not None and len(audible):
        threshold = max(threshold, min(np.percentile(audible, 10) + above_noise_db, e.max() - 20))
    act = e > threshold
    act &= e > -75
    return bridge(act, int(round(bridge_s / HOP_S)))


def bridge(act, max_gap):
    """Fills runs of False shorter than or equal to `max_gap` between two True runs."""
    act = act.copy()
    idx = np.flatnonzero(act)
    if len(idx) == 0:
        return act
    gaps = np.diff(idx)
    for i in np.flatnonzero((gaps > 1) & (gaps <= max_gap + 1)):
        act[idx[i]: idx[i + 1]] = True
    return act


def segments(act):
    """Runs of True as (start_hop, end_hop) with end exclusive."""
    d = np.diff(np.concatenate([[0], act.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)))


def telephone(x, rate):
    """300-3400 Hz telephone band at 8 kHz (returns the 8 kHz signal)."""
    y = sox_effect(x, rate, ["sinc", "300-3400", "rate", "-v", "8000"]) if rate != 8000 else \
        sox_effect(x, rate, ["sinc", "300-3400"])
    return y


def room_response(rate, rng, rt60_s=0.5, direct_to_reverb_db=0.0, delay_s=0.0):
    """A synthetic room impulse response: the direct sound after `delay_s`, then a diffuse
    tail (decaying white noise, -60 dB after `rt60_s`) starting 5 ms later whose energy is
    `direct_to_reverb_db` under the direct sound's."""
    n = int((delay_s + 0.005 + rt60_s) * rate)
    h = np.zeros(n)
    d = int(delay_s * rate)
    h[d] = 1.0
    t = np.arange(n - d - int(0.005 * rate)) / rate
    tail = rng.standard_normal(len(t)) * np.exp(-6.9 * t / rt60_s)
    tail *= np.sqrt(10 ** (-direct_to_reverb_db / 10) / np.sum(tail ** 2))
    h[n - len(t):] += tail
    return h


def gsm(x, rate):
    """The mobile network's full-rate codec: the telephone band at 8 kHz through a GSM 06.10
    encode and decode (sox). Returns the 8 kHz signal."""
    y = telephone(x, rate)
    with tempfile.TemporaryDirectory() as d:
        a, g, b = (os.path.join(d, n) for n in ("a.wav", "a.gsm", "b.wav"))
        wavfile.write(a, 8000, np.clip(y, -1, 1).astype(np.float32))
        subprocess.run(["sox", "-D", a, g], check=True, stderr=subprocess.DEVNULL)
        subprocess.run(["sox", g, "-e", "floating-point", "-b", "32", b], check=True, stderr=subprocess.DEVNULL)
        _, z = wavfile.read(b)
    z = z.astype(np.float64)[: len(y)]
    return np.concatenate([z, np.zeros(len(y) - len(z))])


def amr(x, rate, mode=7):
    """A mobile network's adaptive multi-rate codec (AMR-NB) through sox: the telephone band
    at 8 kHz, mode 7 = 12.2 kbit/s by default. The codec's delay (10 ms) is taken out by
    aligning the decoded signal with the input. Returns the 8 kHz signal."""
    y = telephone(x, rate)
    with tempfile.TemporaryDirectory() as d:
        a, g, b = (os.path.join(d, n) for n in ("a.wav", "a.amr-nb", "b.wav"))
        wavfile.write(a, 8000, np.clip(y, -1, 1).astype(np.float32))
        subprocess.run(["sox", "-D", a, "-C", str(mode), g], check=True, stderr=subprocess.DEVNULL)
        subprocess.run(["sox", g, "-e", "floating-point", "-b", "32", b], check=True, stderr=subprocess.DEVNULL)
        _, z = wavfile.read(b)
    z = z.astype(np.float64)
    probe = min(len(y), 60 * 8000)
    lags = np.correlate(z[:probe], y[:probe - 800], "valid")
    lag = int(np.argmax(lags)) if len(lags) else 0
    z = z[lag:lag + len(y)]
    return np.concatenate([z, np.zeros(len(y) - len(z))])


def delay(x, samples):
    """Delays `x` by `samples`, keeping its length."""
    if samples <= 0:
        return x.copy()
    return np.concatenate([np.zeros(samples), x[:-samples]])
