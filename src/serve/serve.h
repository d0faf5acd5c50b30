/* serve.h: tipreport serve: the report as a web page (README, 'tipreport serve'). */
#ifndef TP_SERVE_SERVE_H
#define TP_SERVE_SERVE_H

#include "util/error.h"

/* argv[1] is "serve". Runs until SIGINT or SIGTERM, then removes its work folder and returns
 * TP_OK; an error when it cannot start. */
enum tp_err serve_main(int argc, char **argv, struct tp_error *err);

#endif
