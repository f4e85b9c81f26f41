/* kaoping backup DEST: a consistent copy, safe while others write. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli/commands.h"
#include "db/maintenance.h"
#include "db/store.h"

static int run_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"force", no_argument, NULL, 'f'}, {0}};
    bool force = false;
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "f", opts, NULL)) != -1) {
        if (c != 'f')
            return cli_option_error("backup", argv);
        force = true;
    }
    if (optind != argc - 1)
        return cli_usage_error("backup", "需要一个目标文件");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    int rc = store_backup(st, argv[optind], force);
    if (rc == STORE_INVALID)
        return cli_error(EXIT_USAGE, "%s", store_errmsg(st));
    if (rc != STORE_OK)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    printf("已备份到 %s\n", argv[optind]);
    return EXIT_OK;
}

const struct cli_command cmd_backup = {
    .name = "backup",
    .summary = "备份数据库到一个新文件",
    .usage = "用法: kaoping backup [--force] DEST\n"
             "\n"
             "把数据库完整一致地复制到 DEST (其他程序正在写入时也安全)。\n"
             "DEST 已存在时拒绝, 除非加 --force。副本是独立的 SQLite 文件, 可直接用 --db 打开。\n",
    .run = run_backup,
};
