/* secret.h: random ids and secrets (getrandom), and comparing a secret in constant time. */
#ifndef TP_SERVE_SECRET_H
#define TP_SERVE_SECRET_H

#include <stdbool.h>

/* 128 random bits as 32 hex digits. False when the kernel gives none. */
bool secret_random(char out[33]);
/* a equals b (b non-empty), in a time that does not depend on where they differ. */
bool secret_same(const char *a, const char *b);

#endif
