/* Whole-file reads with the type and size checks done on the open descriptor, so what is
 * checked is what is read. */
#include "io/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/xmalloc.h"

static bool fail(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return false;
}

const char *infile_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "标准输入" : path;
}

static const char *kind_of(mode_t m)
{
    return S_ISFIFO(m)   ? "命名管道 (FIFO)"
           : S_ISCHR(m)  ? "字符设备"
           : S_ISBLK(m)  ? "块设备"
           : S_ISSOCK(m) ? "套接字"
                         : "特殊文件";
}

/* What fstat says about an opened input: only a regular file under the cap may be read. */
static bool check_stat(const char *path, const struct stat *sb, size_t max, char *err,
                       size_t errsz)
{
    if (S_ISDIR(sb->st_mode))
        return fail(err, errsz, "%s: 是一个目录, 不是文件; 请给出目录中的 CSV 文件", path);
    if (!S_ISREG(sb->st_mode))
        return fail(err, errsz,
                    "%s: 是%s, 不是普通文件, 不能导入; 请给出一个文件, 或用 - 从标准输入读取",
                    path, kind_of(sb->st_mode));
    if ((unsigned long long)sb->st_size > (unsigned long long)max)
        return fail(err, errsz, "%s: 文件有 %.0f MB, 超过导入上限 %zu MB; 请分成几个文件导入",
                    path, (double)sb->st_size / (1024.0 * 1024.0), max / (1024 * 1024));
    return true;
}

/* O_NONBLOCK: opening a FIFO must not wait for a writer before it can be refused. */
static int open_checked(const char *path, size_t max, char *err, size_t errsz)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENXIO) /* a socket */
            fail(err, errsz, "%s: 不是普通文件, 不能导入", path);
        else
            fail(err, errsz, "%s: 无法打开: %s", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        fail(err, errsz, "%s: 无法读取: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!check_stat(path, &sb, max, err, errsz)) {
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

int infile_open(const char *path, size_t max, char *err, size_t errsz)
{
    return open_checked(path, max, err, errsz);
}

bool infile_check(const char *path, size_t max, char *err, size_t errsz)
{
    if (strcmp(path, "-") == 0)
        return true;
    int fd = open_checked(path, max, err, errsz);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

/* Reads until end of file, or until more than max bytes (a file that grows, or stdin). */
static bool read_all(int fd, const char *name, size_t max, char **buf, size_t *len, char *err,
                     size_t errsz)
{
    size_t cap = 65536, n = 0;
    char *b = xmalloc(cap);
    for (;;) {
        if (cap - n < 65536) {
            cap *= 2;
            b = xrealloc(b, cap);
        }
        ssize_t r = read(fd, b + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 || n + (size_t)r > max) {
            bool big = r >= 0;
            int e = errno;
            free(b);
            if (big)
                return fail(err, errsz, "%s: 超过导入上限 %zu MB; 请分成几个文件导入", name,
                            max / (1024 * 1024));
            return fail(err, errsz, "%s: 读取失败: %s", name, strerror(e));
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return true;
}

bool infile_read(const char *path, size_t max, char **buf, size_t *len, char *err,
                 size_t errsz)
{
    *buf = NULL;
    *len = 0;
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open_checked(path, max, err, errsz);
    if (fd < 0)
        return false;
    bool ok = read_all(fd, infile_name(path), max, buf, len, err, errsz);
    if (!is_stdin)
        close(fd);
    return ok;
}
