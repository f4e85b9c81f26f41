/* Unlinked temporary files (io/tempfile.h). */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "io/tempfile.h"
#include "model/xmalloc.h"

int tempfile_unlinked(const char *prefix, char **tried)
{
    char *path = xasprintf("%s-XXXXXX", prefix);
    int fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    int saved = errno;
    if (tried)
        *tried = path;
    else
        free(path);
    errno = saved;
    return fd;
}
