/* io/outfile: the refusals (database and companions, existing files, directories), the temp
 * file's life (0600, locked while in use, removed on failure, left-overs cleaned), backups'
 * stale companions, and write errors that are reported. */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/outfile.h"
#include "model/xmalloc.h"

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_rmtree(dir);
    free(dir);
    return 0;
}

static char *at(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *path)
{
    char *cmd = xasprintf("cat '%s'", path), *out = NULL;
    assert_int_equal(test_run(cmd, &out), 0);
    free(cmd);
    return out;
}

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* Writes text to path through outfile; returns the status of open (close must succeed). */
static enum outfile_status write_text(const char *path, const char *protect, unsigned flags,
                                      const char *text, char *err, size_t errsz)
{
    struct outfile o;
    enum outfile_status st = outfile_open(&o, path, protect, flags, err, errsz);
    if (st != OUTFILE_OK)
        return st;
    fputs(text, o.fp);
    if (!outfile_close(&o, true, err, errsz))
        fail_msg("close: %s", err);
    return st;
}

static void database_and_companions_are_refused(void **state)
{
    (void)state;
    char *db = at("x.db"), *hard = at("hard.db"), *sym = at("sym.db");
    put(db, "SQLite format 3");
    char *wal = xasprintf("%s-wal", db);
    put(wal, "frames");
    assert_int_equal(link(db, hard), 0);
    assert_int_equal(symlink(db, sym), 0);
    char *sub = at("sub");
    assert_int_equal(mkdir(sub, 0700), 0);
    char *twisted = xasprintf("%s/sub/../x.db-journal", dir); /* does not exist */
    char *shm = xasprintf("%s-shm", db);
    const char *targets[] = {db, wal, shm, twisted, hard, sym};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        char err[1024];
        assert_int_equal(write_text(targets[i], db, OUTFILE_FORCE, "csv", err, sizeof err),
                         OUTFILE_REFUSED);
        assert_non_null(strstr(err, "就是数据库文件本身"));
        assert_int_equal(write_text(targets[i], db, OUTFILE_FORCE | OUTFILE_DATABASE, "", err,
                                    sizeof err),
                         OUTFILE_REFUSED);
    }
    char *text = slurp(db);
    assert_string_equal(text, "SQLite format 3");
    free(text);
    text = slurp(wal);
    assert_string_equal(text, "frames");
    assert_false(exists(shm));
    free(text), free(sub), free(shm), free(twisted), free(wal), free(sym), free(hard), free(db);
}

static void existing_file_needs_force(void **state)
{
    (void)state;
    char *path = at("keep.csv"), err[1024];
    put(path, "precious\n");
    assert_int_equal(write_text(path, NULL, 0, "new\n", err, sizeof err), OUTFILE_REFUSED);
    assert_non_null(strstr(err, "已存在; 如要覆盖请加 --force"));
    char *text = slurp(path);
    assert_string_equal(text, "precious\n");
    free(text);
    assert_int_equal(write_text(path, NULL, OUTFILE_FORCE, "new\n", err, sizeof err), OUTFILE_OK);
    text = slurp(path);
    assert_string_equal(text, "new\n");
    free(text);
    assert_int_equal(write_text(dir, NULL, OUTFILE_FORCE, "x", err, sizeof err),
                     OUTFILE_REFUSED);
    assert_non_null(strstr(err, "是一个目录"));
    free(path);
}

/* The temp file is private and is all there is until close renames it; giving up leaves the
 * old file and no temp file. */
static void temp_file_is_private_and_removed_on_failure(void **state)
{
    (void)state;
    char *path = at("out.csv"), err[1024];
    put(path, "old\n");
    struct outfile o;
    assert_int_equal(outfile_open(&o, path, NULL, OUTFILE_FORCE, err, sizeof err), OUTFILE_OK);
    char *tmp = xstrdup(o.tmp);
    struct stat sb;
    assert_int_equal(stat(tmp, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    fputs("half", o.fp);
    assert_false(outfile_close(&o, false, err, sizeof err));
    assert_string_equal(err, "");
    assert_false(exists(tmp));
    char *text = slurp(path);
    assert_string_equal(text, "old\n");
    free(text), free(tmp), free(path);
}

/* A killed kaoping's temp files go; a running one's (locked) stay, and both writers finish. */
static void leftover_temps_are_cleaned_live_ones_kept(void **state)
{
    (void)state;
    char *path = at("r.csv"), *old6 = at("r.csv.tmp-Ab12cd"), *old8 = at("r.csv.tmp-0123abcd");
    char *other = at("rr.csv.tmp-Ab12cd"), err[1024];
    put(old6, "x"), put(old8, "x"), put(other, "x");
    struct outfile live;
    assert_int_equal(outfile_open(&live, path, NULL, OUTFILE_FORCE, err, sizeof err), OUTFILE_OK);
    assert_false(exists(old6));
    assert_false(exists(old8));
    assert_true(exists(other));
    assert_int_equal(write_text(path, NULL, OUTFILE_FORCE, "second\n", err, sizeof err),
                     OUTFILE_OK);
    assert_true(exists(live.tmp));
    fputs("first\n", live.fp);
    assert_true(outfile_close(&live, true, err, sizeof err));
    char *text = slurp(path);
    assert_string_equal(text, "first\n");
    free(text), free(other), free(old8), free(old6), free(path);
}

static void database_mode_removes_stale_companions(void **state)
{
    (void)state;
    char *path = at("b.db"), *wal = at("b.db-wal"), *journal = at("b.db-journal"), err[1024];
    put(path, "old copy"), put(wal, "stale frames"), put(journal, "stale journal");
    struct outfile o;
    assert_int_equal(outfile_open(&o, path, NULL, OUTFILE_DATABASE, err, sizeof err),
                     OUTFILE_REFUSED);
    assert_int_equal(outfile_open(&o, path, NULL, OUTFILE_DATABASE | OUTFILE_FORCE, err,
                                  sizeof err),
                     OUTFILE_OK);
    assert_null(o.fp); /* filled by name (VACUUM INTO) */
    put(o.tmp, "new copy");
    assert_true(exists(wal)); /* nothing changes before the copy is complete */
    assert_true(outfile_close(&o, true, err, sizeof err));
    assert_false(exists(wal));
    assert_false(exists(journal));
    char *text = slurp(path);
    assert_string_equal(text, "new copy");
    assert_int_equal(outfile_open(&o, "-", NULL, OUTFILE_DATABASE, err, sizeof err),
                     OUTFILE_REFUSED);
    assert_int_equal(outfile_open(&o, "/dev/null", NULL, OUTFILE_DATABASE | OUTFILE_FORCE, err,
                                  sizeof err),
                     OUTFILE_REFUSED);
    assert_non_null(strstr(err, "不是普通文件"));
    free(text);
    /* Plain by-name files (an .xlsx writer) are not SQLite: what sits beside them stays. */
    char *xlsx = at("t.xlsx"), *beside = at("t.xlsx-wal");
    put(beside, "not ours");
    assert_int_equal(outfile_open(&o, xlsx, NULL, OUTFILE_BY_NAME, err, sizeof err), OUTFILE_OK);
    assert_null(o.fp);
    put(o.tmp, "PK");
    assert_true(outfile_close(&o, true, err, sizeof err));
    assert_true(exists(beside));
    text = slurp(xlsx);
    assert_string_equal(text, "PK");
    free(text), free(beside), free(xlsx), free(journal), free(wal), free(path);
}

static void devices_are_written_in_place_and_errors_reported(void **state)
{
    (void)state;
    char err[1024];
    struct outfile o;
    assert_int_equal(outfile_open(&o, "/dev/null", NULL, 0, err, sizeof err), OUTFILE_OK);
    assert_true(o.direct);
    assert_null(o.tmp);
    fputs("gone", o.fp);
    assert_true(outfile_close(&o, true, err, sizeof err));
    assert_int_equal(outfile_open(&o, "/dev/full", NULL, 0, err, sizeof err), OUTFILE_OK);
    for (int i = 0; i < 2000; i++) /* more than one buffer: the error comes during writing */
        fputs("a row of the export\n", o.fp);
    assert_false(outfile_close(&o, true, err, sizeof err));
    assert_non_null(strstr(err, "写入 /dev/full 失败: 磁盘已满 (No space left on device)"));
    assert_null(strstr(err, "没有写出文件")); /* a device is written in place: no temp file */
    /* Given up after a write error: still said, since the caller may not know. */
    assert_int_equal(outfile_open(&o, "/dev/full", NULL, 0, err, sizeof err), OUTFILE_OK);
    fputs("x", o.fp);
    assert_false(outfile_close(&o, false, err, sizeof err));
    assert_non_null(strstr(err, "No space left on device"));
    /* A folder that does not exist is the system's no, not a refusal. */
    char *missing = at("no/such/x.csv");
    assert_int_equal(outfile_open(&o, missing, NULL, 0, err, sizeof err), OUTFILE_FAILED);
    assert_non_null(strstr(err, missing));
    free(missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(database_and_companions_are_refused),
        cmocka_unit_test(existing_file_needs_force),
        cmocka_unit_test(temp_file_is_private_and_removed_on_failure),
        cmocka_unit_test(leftover_temps_are_cleaned_live_ones_kept),
        cmocka_unit_test(database_mode_removes_stale_companions),
        cmocka_unit_test(devices_are_written_in_place_and_errors_reported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
