/* kaoping backup DEST: a consistent copy, safe while others write. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli/commands.h"
#include "db/maintenance.h"
#include "db/store.h"
#include "io/outfile.h"

int cli_copy_database(struct cli_ctx *ctx, struct store *st, const char *dest,
                      cli_copy_prepare_fn prepare, void *arg)
{
    struct outfile out;
    char err[1024];
    enum outfile_status os = outfile_open(&out, dest, ctx->db_path,
                                          OUTFILE_DATABASE | (ctx->force ? OUTFILE_FORCE : 0),
                                          err, sizeof err);
    if (os != OUTFILE_OK)
        return cli_error(os == OUTFILE_REFUSED ? EXIT_USAGE : EXIT_RUNTIME, "%s", err);
    int rc = store_backup_into(st, out.tmp);
    if (rc != STORE_OK)
        snprintf(err, sizeof err, "%s", store_errmsg(st));
    else if (prepare)
        rc = prepare(st, out.tmp, arg, err, sizeof err);
    char cerr[1024] = "";
    bool written = outfile_close(&out, rc == STORE_OK, cerr, sizeof cerr);
    if (rc != STORE_OK)
        return cli_error(cli_store_exit(rc), "%s: %s", dest, err);
    if (!written)
        return cli_error(EXIT_RUNTIME, "%s", cerr[0] ? cerr : "写入失败");
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
    int code = cli_copy_database(ctx, st, argv[optind], NULL, NULL);
    if (code == EXIT_OK)
        printf("已备份到 %s\n", argv[optind]);
    return code;
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
