#include "folder_links.h"

#include <stdio.h>
#include <sys/stat.h>

bool folder_link_left_out(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode))
        return false;
    fprintf(stderr, "note: %s is a symbolic link: left out (a folder's files are read only "
                    "from inside it, and links are not followed)\n", path);
    return true;
}
