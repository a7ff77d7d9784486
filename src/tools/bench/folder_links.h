/* Files found inside a folder that may come from elsewhere (a demo run's
 * artifacts, its overhead/): a symbolic link there can lead anywhere
 * (/etc/shadow as env.txt), so none is followed, wherever it leads. */
#ifndef BENCH_FOLDER_LINKS_H
#define BENCH_FOLDER_LINKS_H

#include <stdbool.h>

/* True when path is a symbolic link, after one note line on stderr
 * saying it is left out. */
bool folder_link_left_out(const char *path);

#endif
