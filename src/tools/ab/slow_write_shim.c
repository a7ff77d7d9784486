/* A real, known slowdown for testing bench ab's power (LD_PRELOAD): every
 * SLOW_WRITE_EVERY-th write() also enters the kernel once more (getppid),
 * so write() does a little more kernel work, as a regression in a syscall
 * path would. Wrapping write() alone costs ~nothing once paired; the extra
 * kernel entry is the slowdown. Built by goals.sh:
 *   cc -O2 -shared -fPIC -o slow_write.so slow_write_shim.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static ssize_t (*real_write)(int, const void *, size_t);
static unsigned long every, calls;

__attribute__((constructor)) static void init(void)
{
    real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const char *e = getenv("SLOW_WRITE_EVERY");
    every = e ? strtoul(e, NULL, 10) : 10;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    if (every && ++calls % every == 0)
        syscall(SYS_getppid);
    return real_write(fd, buf, n);
}
