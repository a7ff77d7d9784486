/* The kit's shared data folders (bpf scripts, gnuplot templates), found
 * from where the running binary is, so an installed kit and a build tree
 * both work without configuration. */
#ifndef SYSCOST_SHARE_DIR_H
#define SYSCOST_SHARE_DIR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The directory of the running binary (/proc/self/exe without its last
 * part) into buf. Returns -1 when it cannot be known. */
int sc_exe_dir(char *buf, size_t len);

/* share/syscost/<sub> beside the binary's directory or its parent
 * (bin/X, bin/tools/X): the first candidate path for which usable()
 * returns nonzero goes into buf, as built (not resolved). Returns -1 when
 * none is usable. */
int sc_find_share_dir(const char *sub, int (*usable)(const char *dir), char *buf,
                      size_t len);

#ifdef __cplusplus
}
#endif

#endif
