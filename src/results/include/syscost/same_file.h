/* Whether two paths given by a user name the same file, however spelled:
 * ./x and x, a symlink and its target, two hard links. */
#ifndef SYSCOST_SAME_FILE_H
#define SYSCOST_SAME_FILE_H

#ifdef __cplusplus
extern "C" {
#endif

/* True when a and b are the same file: the same device and inode when both
 * exist, else the same path once the directory part is resolved (symlinks,
 * ".", "..", repeated slashes) and the last component kept as written. */
int sc_same_file(const char *a, const char *b);

#ifdef __cplusplus
}
#endif

#endif
