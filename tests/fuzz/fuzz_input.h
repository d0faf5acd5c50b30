/* fuzz_input.h: the fuzzers' shared helper: the input as a file the code under test opens. */
#ifndef TP_FUZZ_INPUT_H
#define TP_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

/* Writes data to one temporary file per process (rewritten each call) and returns its path;
 * NULL when it cannot. suffix: the name's ending (".ini", ".txt", ".csv"). */
const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix);

#endif
