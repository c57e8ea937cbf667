#include "CALSAQuiet.h"
#include <alsa/asoundlib.h>

static void ignore(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

void kalm_alsa_quiet(void) { snd_lib_error_set_handler(ignore); }
