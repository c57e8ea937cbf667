// kalmtest: an ALSA capture device for fault tests, loaded by alsa-lib as an external
// (ioplug) PCM plugin. It plays a raw S16_LE recording like the `file` plugin and, on
// request, fails the way real hardware does:
//
//   pcm_type.kalmtest { lib "/path/to/libasound_module_pcm_kalmtest.so" }
//   pcm.vanishing {
//       type kalmtest
//       infile "/path/call.raw"      # raw S16_LE, interleaved; silence after its end
//       channels 2                   # default 2
//       rate 16000                   # default 16000
//       busy false                   # true: every open fails with EBUSY (held elsewhere)
//       forbidden false              # true: every open fails with EACCES (not this user's)
//       clocked false                # true: periods come at the pace of the rate, as from
//                                    # hardware (each open's clock starts at its first read)
//       clock_ppm 0                  # with clocked: this many parts per million fast
//       vanish_after 160000          # frames; then reads fail with ENODEV (unplugged)...
//       absent_ms 1500               # ...and opens too, for this long; then it is back
//       state "/tmp/x/vanished"      # remembers across opens that it has vanished once
//   }
//
// Unless `clocked`, it is not clocked: like `null`, a period is ready whenever it is asked for.
#include <alsa/asoundlib.h>
#include <alsa/pcm_external.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    snd_pcm_ioplug_t io;
    int fd;
    int poll_pipe[2];
    long long vanish_after;
    long long delivered;
    char *state;
    int clocked;
    long clock_ppm;
    long long started_ms;
} kalmtest_t;

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

// When the device vanished (ms, CLOCK_MONOTONIC), or -1 when it has not.
static long long vanished_at(const char *state) {
    if (!state) return -1;
    FILE *f = fopen(state, "r");
    if (!f) return -1;
    long long t = -1;
    if (fscanf(f, "%lld", &t) != 1) t = -1;
    fclose(f);
    return t;
}

static int kt_start(snd_pcm_ioplug_t *io) { (void)io; return 0; }
static int kt_stop(snd_pcm_ioplug_t *io) { (void)io; return 0; }

// Always one period ahead of the application: a period is ready whenever asked for.
static snd_pcm_sframes_t kt_pointer(snd_pcm_ioplug_t *io) {
    return (snd_pcm_sframes_t)((io->appl_ptr + io->period_size) % io->buffer_size);
}

static snd_pcm_sframes_t kt_transfer(snd_pcm_ioplug_t *io, const snd_pcm_channel_area_t *areas,
                                     snd_pcm_uframes_t offset, snd_pcm_uframes_t size) {
    kalmtest_t *kt = io->private_data;
    if (kt->vanish_after >= 0 && kt->delivered + (long long)size > kt->vanish_after) {
        if (vanished_at(kt->state) < 0) {
            FILE *f = fopen(kt->state, "w");
            if (f) {
                fprintf(f, "%lld\n", now_ms());
                fclose(f);
            }
            return -ENODEV;
        }
    }
    char *dst = (char *)areas[0].addr + (areas[0].first + offset * areas[0].step) / 8;
    size_t want = size * io->channels * 2, got = 0;
    while (kt->fd >= 0 && got < want) {
        ssize_t n = read(kt->fd, dst + got, want - got);
        if (n <= 0) break;
        got += (size_t)n;
    }
    memset(dst + got, 0, want - got);
    kt->delivered += (long long)size;
    if (kt->clocked) {
        // The frames delivered so far are due once the rate's clock has reached their end.
        if (kt->started_ms < 0) kt->started_ms = now_ms();
        long long due = kt->started_ms
            + kt->delivered * 1000 * 1000000 / ((long long)io->rate * (1000000 + kt->clock_ppm));
        long long wait = due - now_ms();
        if (wait > 0) usleep((useconds_t)(wait * 1000));
    }
    return (snd_pcm_sframes_t)size;
}

static int kt_close(snd_pcm_ioplug_t *io) {
    kalmtest_t *kt = io->private_data;
    if (kt->fd >= 0) close(kt->fd);
    close(kt->poll_pipe[0]);
    close(kt->poll_pipe[1]);
    free(kt->state);
    free(kt);
    return 0;
}

static const snd_pcm_ioplug_callback_t kt_callbacks = {
    .start = kt_start,
    .stop = kt_stop,
    .pointer = kt_pointer,
    .transfer = kt_transfer,
    .close = kt_close,
};

SND_PCM_PLUGIN_DEFINE_FUNC(kalmtest) {
    (void)root;
    const char *infile = NULL, *state = NULL;
    long channels = 2, rate = 16000, vanish_after = -1, absent_ms = 0, clock_ppm = 0;
    int busy = 0, forbidden = 0, clocked = 0;
    snd_config_iterator_t i, next;
    snd_config_for_each(i, next, conf) {
        snd_config_t *n = snd_config_iterator_entry(i);
        const char *id;
        if (snd_config_get_id(n, &id) < 0) continue;
        if (!strcmp(id, "comment") || !strcmp(id, "type") || !strcmp(id, "hint")) continue;
        int err = 0;
        if (!strcmp(id, "infile")) err = snd_config_get_string(n, &infile);
        else if (!strcmp(id, "state")) err = snd_config_get_string(n, &state);
        else if (!strcmp(id, "channels")) err = snd_config_get_integer(n, &channels);
        else if (!strcmp(id, "rate")) err = snd_config_get_integer(n, &rate);
        else if (!strcmp(id, "vanish_after")) err = snd_config_get_integer(n, &vanish_after);
        else if (!strcmp(id, "absent_ms")) err = snd_config_get_integer(n, &absent_ms);
        else if (!strcmp(id, "busy")) err = busy = snd_config_get_bool(n);
        else if (!strcmp(id, "forbidden")) err = forbidden = snd_config_get_bool(n);
        else if (!strcmp(id, "clocked")) err = clocked = snd_config_get_bool(n);
        else if (!strcmp(id, "clock_ppm")) err = snd_config_get_integer(n, &clock_ppm);
        else {
            SNDERR("kalmtest: unknown field %s", id);
            return -EINVAL;
        }
        if (err < 0) {
            SNDERR("kalmtest: invalid value for %s", id);
            return -EINVAL;
        }
    }
    if (stream != SND_PCM_STREAM_CAPTURE) return -EINVAL;
    if (vanish_after >= 0 && !state) {
        SNDERR("kalmtest: vanish_after needs state");
        return -EINVAL;
    }
    if (busy) return -EBUSY;
    if (forbidden) return -EACCES;
    long long gone = vanished_at(state);
    if (gone >= 0 && now_ms() < gone + absent_ms) return -ENODEV;

    kalmtest_t *kt = calloc(1, sizeof(*kt));
    if (!kt) return -ENOMEM;
    kt->fd = infile ? open(infile, O_RDONLY) : -1;
    kt->vanish_after = vanish_after;
    kt->clocked = clocked;
    kt->clock_ppm = clock_ppm;
    kt->started_ms = -1;
    kt->state = state ? strdup(state) : NULL;
    if (pipe(kt->poll_pipe) < 0) {
        free(kt->state);
        free(kt);
        return -errno;
    }
    (void)!write(kt->poll_pipe[1], "x", 1);  // always readable: a period is always ready
    kt->io.version = SND_PCM_IOPLUG_VERSION;
    kt->io.name = "kalm test capture device";
    kt->io.callback = &kt_callbacks;
    kt->io.private_data = kt;
    kt->io.poll_fd = kt->poll_pipe[0];
    kt->io.poll_events = POLLIN;
    int err = snd_pcm_ioplug_create(&kt->io, name, stream, mode);
    if (err < 0) {
        kt_close(&kt->io);
        return err;
    }
    unsigned int access[] = {SND_PCM_ACCESS_RW_INTERLEAVED};
    unsigned int formats[] = {SND_PCM_FORMAT_S16_LE};
    if ((err = snd_pcm_ioplug_set_param_list(&kt->io, SND_PCM_IOPLUG_HW_ACCESS, 1, access)) < 0
        || (err = snd_pcm_ioplug_set_param_list(&kt->io, SND_PCM_IOPLUG_HW_FORMAT, 1, formats)) < 0
        || (err = snd_pcm_ioplug_set_param_minmax(&kt->io, SND_PCM_IOPLUG_HW_CHANNELS, channels, channels)) < 0
        || (err = snd_pcm_ioplug_set_param_minmax(&kt->io, SND_PCM_IOPLUG_HW_RATE, rate, rate)) < 0
        || (err = snd_pcm_ioplug_set_param_minmax(&kt->io, SND_PCM_IOPLUG_HW_PERIODS, 2, 64)) < 0
        || (err = snd_pcm_ioplug_set_param_minmax(&kt->io, SND_PCM_IOPLUG_HW_PERIOD_BYTES, 64, 1 << 20)) < 0) {
        snd_pcm_ioplug_delete(&kt->io);
        return err;
    }
    *pcmp = kt->io.pcm;
    return 0;
}

SND_PCM_PLUGIN_SYMBOL(kalmtest);
