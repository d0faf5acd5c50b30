/* version.h: tipreport's version, as --version, the reports' metadata and the PDF print it. */
#ifndef TP_VERSION_H
#define TP_VERSION_H

#define TIPREPORT_VERSION "0.1.0"

/* The commit the program was built from, for --version only (the outputs name the version
 * alone, so that they do not change with every commit): the Makefile passes it to main.c. */
#ifndef TIPREPORT_COMMIT
#define TIPREPORT_COMMIT "unknown"
#endif

#endif
