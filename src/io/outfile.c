/* Safe output files: refusals, temp file + fsync + rename + fsync of the folder, direct writes
 * to FIFOs and devices, and the cleanup of temp files a killed kaoping left behind. */
#include "io/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/xmalloc.h"

static enum outfile_status fail(enum outfile_status st, char *err, size_t errsz, const char *fmt,
                                ...) __attribute__((format(printf, 4, 5)));
static enum outfile_status fail(enum outfile_status st, char *err, size_t errsz, const char *fmt,
                                ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return st;
}

/* The folder part of a path ("." when there is none) and the name after the last '/'. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool same_inode(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Same folder (by inode) and same name: catches "./x.db-wal" for a -wal that does not exist
 * yet, which no inode comparison can. */
static bool same_name(const char *a, const char *b)
{
    if (strcmp(base_of(a), base_of(b)) != 0)
        return false;
    char *da = dir_of(a), *db = dir_of(b);
    struct stat sa, sb;
    bool same = stat(da, &sa) == 0 && stat(db, &sb) == 0 && same_inode(&sa, &sb);
    free(da), free(db);
    return same;
}

/* True when path is the database or one of its companions: renaming anything over them, or
 * truncating them, destroys the data (and a live WAL would be applied to the wrong pages). */
static bool is_protected(const char *path, const char *protect)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    struct stat a, b;
    bool have_a = stat(path, &a) == 0;
    bool same = false;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0] && !same; i++) {
        char *name = xasprintf("%s%s", protect, suffixes[i]);
        same = same_name(path, name) || (have_a && stat(name, &b) == 0 && same_inode(&a, &b));
        free(name);
    }
    return same;
}

/* "-", /dev/stdout and its aliases, or a symbolic link to one of them (whatever stdout is,
 * a file, a pipe or a terminal, the user means the output itself). */
static bool is_stdout_name(const char *path, int depth)
{
    static const char *const names[] = {"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(path, names[i]) == 0)
            return true;
    char target[4096];
    ssize_t n = depth < 4 ? readlink(path, target, sizeof target - 1) : -1;
    if (n <= 0)
        return false;
    target[n] = '\0';
    return is_stdout_name(target, depth + 1);
}

/* PATH.tmp-XXXXXX (mkstemp; 8 characters in backups of kaoping ≤ 0.x), a regular file. */
static bool is_temp_name(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp-", 5) != 0)
        return false;
    const char *tail = name + n + 5;
    size_t len = strspn(tail, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    return tail[len] == '\0' && len >= 6 && len <= 8;
}

/* A temp file's SQLite rollback journal (VACUUM INTO leaves TEMP-journal when killed): it
 * exists only while its temp file does, so one whose temp file is gone is a leftover too
 * (tests/cli/crash_campaign.sh found them after every killed backup). */
static void remove_orphan_journal(int dfd, const char *name, const char *base)
{
    size_t n = strlen(name), j = strlen("-journal");
    if (n <= j || strcmp(name + n - j, "-journal") != 0)
        return;
    char *temp = xstrdup(name);
    temp[n - j] = '\0';
    struct stat sb;
    if (is_temp_name(temp, base) && fstatat(dfd, temp, &sb, AT_SYMLINK_NOFOLLOW) != 0 &&
        errno == ENOENT && fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISREG(sb.st_mode) && sb.st_uid == geteuid())
        unlinkat(dfd, name, 0);
    free(temp);
}

/* Removes temp files of this destination that no running kaoping holds: a writer keeps an
 * exclusive flock on its temp file until it is renamed, so one we can lock is a leftover. */
static void remove_stale_temps(const char *path)
{
    char *dir = dir_of(path);
    DIR *d = opendir(dir);
    free(dir);
    if (!d)
        return;
    const char *base = base_of(path);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_temp_name(e->d_name, base)) {
            remove_orphan_journal(dirfd(d), e->d_name, base);
            continue;
        }
        int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        struct stat held, now;
        if (fd >= 0 && fstat(fd, &held) == 0 && S_ISREG(held.st_mode) &&
            held.st_uid == geteuid() && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
            fstatat(dirfd(d), e->d_name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
            same_inode(&held, &now) && unlinkat(dirfd(d), e->d_name, 0) == 0) {
            char *journal = xasprintf("%s-journal", e->d_name);
            remove_orphan_journal(dirfd(d), journal, base);
            free(journal);
        }
        if (fd >= 0)
            close(fd);
    }
    closedir(d);
}

/* Creates and locks the temp file. Another kaoping's cleanup may remove it between creation
 * and lock: the name is checked to still be ours afterwards, and taken again if not. */
static enum outfile_status open_temp(struct outfile *o, char *err, size_t errsz)
{
    for (int attempt = 0; attempt < 3; attempt++) {
        free(o->tmp);
        o->tmp = xasprintf("%s.tmp-XXXXXX", o->path);
        int fd = mkstemp(o->tmp);
        if (fd < 0)
            return fail(OUTFILE_FAILED, err, errsz, "无法写入 %s: %s", o->path, strerror(errno));
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        struct stat held, now;
        if (flock(fd, LOCK_EX) == 0 && fstat(fd, &held) == 0 && lstat(o->tmp, &now) == 0 &&
            same_inode(&held, &now)) {
            o->tmp_fd = fd;
            if (o->flags & OUTFILE_BY_NAME)
                return OUTFILE_OK;
            if ((o->fp = fdopen(fd, "w")))
                return OUTFILE_OK;
            int e = errno;
            unlink(o->tmp), close(fd), o->tmp_fd = -1;
            return fail(OUTFILE_FAILED, err, errsz, "无法写入 %s: %s", o->path, strerror(e));
        }
        close(fd);
    }
    return fail(OUTFILE_FAILED, err, errsz, "无法写入 %s: 临时文件被其他程序删除", o->path);
}

/* A FIFO, terminal or other device: written in place, as the shell's > would. */
static enum outfile_status open_direct(struct outfile *o, char *err, size_t errsz)
{
    int fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd >= 0 && (o->fp = fdopen(fd, "w"))) {
        o->direct = true;
        return OUTFILE_OK;
    }
    int e = errno;
    if (fd >= 0)
        close(fd);
    return fail(OUTFILE_FAILED, err, errsz, "无法写入 %s: %s", o->path, strerror(e));
}

/* Through a symbolic link to a file: the file is replaced and the link stays a link. A link
 * that does not resolve (a dangling one, or a /proc link to a pipe) stays as given. */
static char *follow_link(const char *path)
{
    struct stat sb;
    char *real = lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) ? realpath(path, NULL) : NULL;
    return real ? real : xstrdup(path);
}

/* Decides from what is at the destination now; the rest of outfile_open's contract. */
static enum outfile_status check_destination(struct outfile *o, char *err, size_t errsz)
{
    struct stat sb;
    if (stat(o->path, &sb) != 0) {
        if (errno == ENOENT)
            return OUTFILE_OK;
        return fail(OUTFILE_FAILED, err, errsz, "无法写入 %s: %s", o->path, strerror(errno));
    }
    if (S_ISDIR(sb.st_mode))
        return fail(OUTFILE_REFUSED, err, errsz, "%s 是一个目录, 请给出文件名", o->path);
    if (!S_ISREG(sb.st_mode) && (o->flags & OUTFILE_BY_NAME))
        return fail(OUTFILE_REFUSED, err, errsz, "%s 不是普通文件, 只能写到普通文件", o->path);
    if (!S_ISREG(sb.st_mode))
        return open_direct(o, err, errsz);
    if (!(o->flags & OUTFILE_FORCE))
        return fail(OUTFILE_REFUSED, err, errsz, "%s 已存在; 如要覆盖请加 --force", o->path);
    return OUTFILE_OK;
}

enum outfile_status outfile_open(struct outfile *o, const char *path, const char *protect,
                                 unsigned flags, char *err, size_t errsz)
{
    memset(o, 0, sizeof *o);
    o->tmp_fd = -1;
    o->flags = flags;
    err[0] = '\0';
    if (!path || is_stdout_name(path, 0)) {
        if (flags & OUTFILE_BY_NAME)
            return fail(OUTFILE_REFUSED, err, errsz, "这种文件不能写到标准输出, 请给出文件名");
        o->fp = stdout;
        o->direct = true;
        return OUTFILE_OK;
    }
    if (protect && is_protected(path, protect))
        return fail(OUTFILE_REFUSED, err, errsz,
                    "%s 就是数据库文件本身 (或其日志文件), 不能写入; 请换一个位置", path);
    o->path = follow_link(path);
    enum outfile_status st = check_destination(o, err, errsz);
    if (st == OUTFILE_OK && !o->direct) {
        remove_stale_temps(o->path);
        st = open_temp(o, err, errsz);
    }
    if (st != OUTFILE_OK) {
        free(o->path), free(o->tmp);
        memset(o, 0, sizeof *o);
        o->tmp_fd = -1;
    }
    return st;
}

/* 0 when the stream's data all reached the system, else the errno of the failure. A failure
 * during an earlier write left the data in the buffer (glibc keeps it), so flushing again
 * gives its reason; EIO when it cannot be told any more. */
static int stream_error(FILE *fp)
{
    bool earlier = ferror(fp);
    clearerr(fp);
    errno = 0;
    if (fflush(fp) != 0)
        return errno ? errno : EIO;
    return earlier ? EIO : 0;
}

/* The rename itself is only durable once the folder is synced. Some file systems cannot
 * sync a folder (EINVAL): nothing more can be done there. */
static int sync_folder(const char *path)
{
    char *dir = dir_of(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd < 0)
        return errno;
    int e = fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
    close(fd);
    return e;
}

/* A -wal or -journal left beside an older file of that name would be applied to the new
 * copy's pages on first open: an unusable backup. */
static int remove_companions(const char *path)
{
    static const char *const suffixes[] = {"-wal", "-journal", "-shm"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *name = xasprintf("%s%s", path, suffixes[i]);
        int e = unlink(name) == 0 || errno == ENOENT ? 0 : errno;
        free(name);
        if (e)
            return e;
    }
    return 0;
}

static int commit_temp(struct outfile *o)
{
    if (fsync(o->tmp_fd) != 0)
        return errno;
    int e = (o->flags & OUTFILE_DATABASE) == OUTFILE_DATABASE ? remove_companions(o->path) : 0;
    if (e)
        return e;
    if (rename(o->tmp, o->path) != 0)
        return errno;
    free(o->tmp);
    o->tmp = NULL;
    return sync_folder(o->path);
}

/* The error in words: a full disk in Chinese, with what became of the file and what to do
 * when a temp file was written (docs/store.md, "A full disk"). */
static void say_error(const struct outfile *o, bool temp, int e, char *err, size_t errsz)
{
    bool full = e == ENOSPC || e == EDQUOT;
    const char *tail = full && temp ? ", 没有写出文件 (原有的文件未改动); 请腾出磁盘空间 (df -h"
                                      " 查看各磁盘的剩余空间) 后重试"
                                    : "";
    char reason[320];
    snprintf(reason, sizeof reason, "%s%s%s%s", full ? "磁盘已满 (" : "", strerror(e),
             full ? ")" : "", tail);
    if (o->path)
        snprintf(err, errsz, "写入 %s 失败: %s", o->path, reason);
    else
        snprintf(err, errsz, "写入标准输出失败: %s", reason);
}

bool outfile_close(struct outfile *o, bool ok, char *err, size_t errsz)
{
    err[0] = '\0';
    bool temp = o->tmp != NULL;
    int e = o->fp ? stream_error(o->fp) : 0;
    if (ok && !e && o->tmp)
        e = commit_temp(o);
    if (o->tmp)
        unlink(o->tmp);
    /* fclose closes tmp_fd too, releasing the lock only now that the rename is done. */
    int closed = 0;
    if (o->fp && o->fp != stdout)
        closed = fclose(o->fp);
    else if (!o->fp && o->tmp_fd >= 0)
        closed = close(o->tmp_fd);
    if (closed != 0 && !e)
        e = errno;
    if (e)
        say_error(o, temp, e, err, errsz);
    free(o->path), free(o->tmp);
    memset(o, 0, sizeof *o);
    o->tmp_fd = -1;
    return ok && !e;
}
