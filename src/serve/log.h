/* log.h: the server's log on stderr: run ids, sizes, times and exit codes, never input. */
#ifndef TP_SERVE_LOG_H
#define TP_SERVE_LOG_H

/* One line "tipreport serve: TIME MESSAGE". Callers pass no file name, input value or figure
 * (README, 'tipreport serve'); the daemon's log is its output, as main's messages are the
 * command line's. */
void serve_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
