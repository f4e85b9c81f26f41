/* kaoping backup DEST: a consistent copy, safe while others write. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli/commands.h"
#include "db/maintenance.h"
#include "db/store.h"
#include "io/outfile.h"

/* The copy goes through the one file writer (io/outfile.h): a 0600 temp file that SQLite
 * fills, synced, renamed over DEST with its stale -wal/-journal removed, the folder synced. */
static int backup_to(struct cli_ctx *ctx, struct store *st, const char *dest)
{
    struct outfile out;
    char err[1024];
    enum outfile_status os = outfile_open(&out, dest, ctx->db_path,
                                          OUTFILE_DATABASE | (ctx->force ? OUTFILE_FORCE : 0),
                                          err, sizeof err);
    if (os != OUTFILE_OK)
        return cli_error(os == OUTFILE_REFUSED ? EXIT_USAGE : EXIT_RUNTIME, "%s", err);
    bool copied = store_backup_into(st, out.tmp) == STORE_OK;
    if (!copied)
        cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    if (!outfile_close(&out, copied, err, sizeof err)) {
        if (err[0])
            cli_error(EXIT_RUNTIME, "%s", err);
        return EXIT_RUNTIME;
    }
    printf("已备份到 %s\n", dest);
    return EXIT_OK;
}

static int run_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"force", no_argument, NULL, 'f'}, {0}};
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "f", opts, NULL)) != -1) {
        if (c != 'f')
            return cli_option_error("backup", argv);
        ctx->force = true;
    }
    if (optind != argc - 1)
        return cli_usage_error("backup", "需要一个目标文件");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    return backup_to(ctx, st, argv[optind]);
}

const struct cli_command cmd_backup = {
    .name = "backup",
    .summary = "备份数据库到一个新文件",
    .usage = "用法: kaoping backup [--force] DEST\n"
             "\n"
             "把数据库完整一致地复制到 DEST (其他程序正在写入时也安全)。\n"
             "DEST 已存在时拒绝, 除非加 --force (同时删除 DEST 旁边遗留的 -wal/-journal 文件);\n"
             "数据库文件本身永远不会被覆盖。写完后同步到磁盘, 断电也不会丢失。\n"
             "副本是独立的 SQLite 文件, 可直接用 --db 打开。\n",
    .run = run_backup,
};
