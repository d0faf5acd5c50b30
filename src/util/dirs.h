/* dirs.h: a folder and its parents made as needed (mkdir -p). */
#ifndef TP_DIRS_H
#define TP_DIRS_H

/* 0, or -1 with errno (ENOTDIR when path or a parent is a file). */
int dirs_make(const char *path);

#endif
