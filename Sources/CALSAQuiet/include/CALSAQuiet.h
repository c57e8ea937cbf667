#pragma once
/// Stops alsa-lib from printing its own error lines on stderr; kalm reports ALSA's errors
/// itself, as one line naming the device (snd_lib_error_set_handler).
void kalm_alsa_quiet(void);
