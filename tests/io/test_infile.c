/* Input files (io/infile) and what the reader calls a file that is not CSV text: directories,
 * devices and FIFOs are refused at once, big files by their size, and binaries, UTF-32 and
 * Latin-1 are named for what they are, while GBK still reads. */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv_read.h"
#include "io/infile.h"
#include "model/xmalloc.h"

static void expect_file_error(const char *path, const char *want)
{
    struct csv_table t;
    char err[1024];
    assert_false(csv_read_file(path, &t, err, sizeof err));
    if (!strstr(err, want))
        fail_msg("error \"%s\" lacks \"%s\"", err, want);
}

static void expect_buffer_error(const char *text, size_t len, const char *want)
{
    struct csv_table t;
    char err[1024];
    assert_false(csv_read_buffer(text, len, &t, err, sizeof err));
    if (!strstr(err, want))
        fail_msg("error \"%s\" lacks \"%s\"", err, want);
}

static void only_regular_files_are_read(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *want = xasprintf("%s: 是一个目录", dir);
    expect_file_error(dir, want);
    free(want);
    /* /dev/zero never ends: refused before the first read. */
    expect_file_error("/dev/zero", "/dev/zero: 是字符设备, 不是普通文件");
    /* A FIFO with no writer: refused without waiting for one (the test would hang). */
    char *fifo = xasprintf("%s/pipe", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    expect_file_error(fifo, "是命名管道 (FIFO), 不是普通文件");
    free(fifo);
    test_rmtree(dir);
    free(dir);
}

static void size_is_capped(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = xasprintf("%s/big.csv", dir);
    int fd = open(path, O_WRONLY | O_CREAT, 0600);
    assert_true(fd >= 0);
    /* Sparse: one byte past the cap costs no disk. */
    assert_int_equal(ftruncate(fd, (off_t)INFILE_MAX_BYTES + 1), 0);
    close(fd);
    expect_file_error(path, "超过导入上限 512 MB");
    /* The cap holds on what is read, too (a file that grows, or stdin). */
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_int_equal(write(fd, "a,b\n1,2\n", 8), 8);
    close(fd);
    char *buf, err[512];
    size_t len;
    assert_false(infile_read(path, 4, &buf, &len, err, sizeof err));
    assert_non_null(strstr(err, "超过导入上限"));
    assert_true(infile_read(path, 8, &buf, &len, err, sizeof err));
    assert_int_equal(len, 8);
    assert_string_equal(buf, "a,b\n1,2\n");
    free(buf);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void binaries_utf32_and_latin1_are_named(void **state)
{
    (void)state;
    /* An ELF header (many NULs in both byte positions: not UTF-16). */
    static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0\x01\0\0\0";
    expect_buffer_error(elf, sizeof elf - 1, "二进制文件");
    /* NULs everywhere without a signature: binary too, never UTF-16. */
    static const char blob[] = "\x01\0\0\0\x02\0\x03\0\0\0\0\x04\x05\0\0\0\0\0\x06\0";
    expect_buffer_error(blob, sizeof blob - 1, "二进制文件");
    /* "a,b\n" in UTF-32LE, with and without BOM, and UTF-32BE. */
    static const char le_bom[] = "\xFF\xFE\0\0a\0\0\0,\0\0\0b\0\0\0\n\0\0\0";
    static const char le[] = "a\0\0\0,\0\0\0b\0\0\0\n\0\0\0";
    static const char be[] = "\0\0\0a\0\0\0,\0\0\0b\0\0\0\n";
    expect_buffer_error(le_bom, sizeof le_bom - 1, "UTF-32");
    expect_buffer_error(le, sizeof le - 1, "UTF-32");
    expect_buffer_error(be, sizeof be - 1, "UTF-32");
    /* Latin-1: "Name,City\nMüller,Zürich\nCafé,Genève\n" — GB18030 would decode it. */
    static const char latin1[] = "Name,City\nM\xFCller,Z\xFCrich\nCaf\xE9,Gen\xE8ve\n";
    expect_buffer_error(latin1, sizeof latin1 - 1, "2: 文件像是西文编码 (Latin-1/Windows-1252)");
    /* UTF-16 stays UTF-16. */
    expect_buffer_error("a\0,\0b\0\n\0", 8, "UTF-16");
}

/* The same check must leave real GBK alone: the test fixtures converted to GB18030. */
static void gbk_files_still_read(void **state)
{
    (void)state;
    static const char *const kinds[] = {"units", "targets", "progress", "ledger", "appraisals"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char *cmd = xasprintf("iconv -f UTF-8 -t GB18030 '%s/csv/%s.csv'", KAOPING_TEST_DATA,
                              kinds[i]);
        char *gbk = NULL;
        assert_int_equal(test_run(cmd, &gbk), 0);
        struct csv_table t;
        char err[512];
        if (!csv_read_buffer(gbk, strlen(gbk), &t, err, sizeof err))
            fail_msg("%s: %s", kinds[i], err);
        assert_int_equal(t.encoding, ENC_GB18030);
        csv_table_free(&t);
        free(gbk), free(cmd);
    }
    /* Rare characters of the GBK extension end in an ASCII-range byte (丂 is 81 40): fine
     * among the Chinese headers every import file has. */
    char *gbk = NULL;
    assert_int_equal(test_run("printf '单位编码,单位名称\\nX01,丂乡\\n' | iconv -f UTF-8 -t GB18030", &gbk), 0);
    assert_non_null(strstr(gbk, "\x81\x40"));
    struct csv_table t;
    char err[512];
    if (!csv_read_buffer(gbk, strlen(gbk), &t, err, sizeof err))
        fail_msg("rare GBK: %s", err);
    assert_string_equal(t.rows[1].cells[1], "丂乡");
    csv_table_free(&t);
    free(gbk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_regular_files_are_read),
        cmocka_unit_test(size_is_capped),
        cmocka_unit_test(binaries_utf32_and_latin1_are_named),
        cmocka_unit_test(gbk_files_still_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
