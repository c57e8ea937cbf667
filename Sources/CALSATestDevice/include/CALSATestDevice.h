// An ALSA capture device for tests, loaded by alsa-lib as an external plugin (see
// kalmtest.c); it has no API of its own.
