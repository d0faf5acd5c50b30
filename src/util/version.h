/* version.h: tipreport's version, as --version, the reports' metadata and the PDF print it. */
#ifndef TP_VERSION_H
#define TP_VERSION_H

#define TIPREPORT_VERSION "0.1.0"

#endif
