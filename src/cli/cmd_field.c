/* kaoping field: laptops for inspection trips, and their changes merged back into the county
 * file without a server (docs/field.md). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/field_conflicts.h"
#include "app/field_pack.h"
#include "app/local_time.h"
#include "cli/commands.h"
#include "db/field.h"
#include "db/maintenance.h"
#include "db/store.h"
#include "io/infile.h"
#include "io/outfile.h"

/* A label names a team on one line: no control characters, not too long. */
static bool valid_label(const char *s)
{
    if (strlen(s) > 100)
        return false;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

/* cli_copy_database's last step: the copy becomes a laptop file (its baseline, its label). */
static int make_laptop(struct store *st, const char *copy_path, void *label, char *err,
                       size_t errsz)
{
    return field_checkout(st, copy_path, label, err, errsz);
}

static int checkout_to(struct cli_ctx *ctx, const char *dest, const char *label)
{
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    int code = cli_copy_database(ctx, st, dest, make_laptop, (void *)label);
    if (code != EXIT_OK)
        return code;
    printf("已检出到 %s (%s)\n在笔记本上照常使用: kaoping --db %s\n回来后打包: kaoping --db %s"
           " field pack -o 包文件.kpz\n", dest, label, dest, dest);
    return EXIT_OK;
}

static int run_checkout(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"label", required_argument, NULL, 'l'},
                                         {"force", no_argument, NULL, 'f'},
                                         {0}};
    const char *label = NULL;
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "fl:", opts, NULL)) != -1) {
        if (c == 'l')
            label = optarg;
        else if (c == 'f')
            ctx->force = true;
        else
            return cli_option_error("field", argv);
    }
    if (optind != argc - 1)
        return cli_usage_error("field", "field checkout 需要一个笔记本文件名");
    const char *dest = argv[optind];
    if (!label) {
        const char *slash = strrchr(dest, '/');
        label = slash ? slash + 1 : dest;
    }
    if (!*label || !valid_label(label))
        return cli_usage_error("field", "--label 应为一行不超过 100 字节的文字");
    return checkout_to(ctx, dest, label);
}

/* The changeset goes to a spill file beside the laptop file as it is made (the header needs
 * its size and digest first), then into the pack file after the header. */
static int write_pack(struct cli_ctx *ctx, const char *path)
{
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    FILE *spill = field_pack_spill(store_path(st));
    if (!spill)
        return cli_error(EXIT_RUNTIME, "打包失败: 无法在 %s 旁创建临时文件: %s", store_path(st),
                         strerror(errno));
    struct field_header h;
    int rc = field_pack(st, &h, field_pack_spill_write, spill);
    long n = ftell(spill);
    if (rc != STORE_OK) {
        fclose(spill);
        return cli_error(cli_store_exit(rc), "%s", store_errmsg(st));
    }
    struct cli_output out;
    int code = n < 0 ? cli_error(EXIT_RUNTIME, "打包失败: 临时文件: %s", strerror(errno))
                     : cli_output_open(&out, ctx, path);
    if (code == EXIT_OK) {
        bool ok = field_pack_write(out.fp, &h, spill, (size_t)n);
        if (!ok && !ferror(out.fp))
            cli_error(EXIT_RUNTIME, "打包失败: 无法读回临时文件: %s", strerror(errno));
        code = cli_output_close(&out, ok);
    }
    fclose(spill);
    char at[48];
    if (code == EXIT_OK)
        fprintf(strcmp(path, "-") == 0 ? stderr : stdout,
                "已打包 %s 自 %s 检出以来的全部修改 (操作员: %s) 到 %s\n", h.label,
                app_local_time(h.checkout_at, at, sizeof at), h.operators[0] ? h.operators : "无",
                path);
    return code;
}

static int run_pack(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {0}};
    const char *path = NULL;
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "fo:", opts, NULL)) != -1) {
        if (c == 'o')
            path = optarg;
        else if (c == 'f')
            ctx->force = true;
        else
            return cli_option_error("field", argv);
    }
    if (optind != argc || !path)
        return cli_usage_error("field", "field pack 需要 -o 包文件");
    return write_pack(ctx, path);
}

static void print_merge(const struct field_header *h, const struct field_merge_result *r,
                        bool skip_locked)
{
    if (r->unchanged) {
        printf("%s 的包没有新内容: 县里已全部合并过, 未写入任何数据", h->label);
        if (r->known_conflicts)
            printf(" (%ld 处冲突早已记录)", r->known_conflicts);
        printf("\n");
        return;
    }
    char at[48];
    printf("已合并 %s 的包 (操作员: %s; 打包于 %s)\n", h->label,
           h->operators[0] ? h->operators : "无", app_local_time(h->created, at, sizeof at));
    printf("  新增 %ld, 更新 %ld, 删除 %ld\n", r->inserted, r->updated, r->deleted);
    printf("  审计记录 %ld\n  县里已有 %ld\n", r->audit_rows, r->already);
    printf("  冲突 %ld", r->conflicts);
    if (r->known_conflicts)
        printf(" (另有 %ld 处早已记录)", r->known_conflicts);
    printf(r->conflicts ? "; 县里的值保留, 用 kaoping field conflicts 查看\n" : "\n");
    if (skip_locked && r->locked)
        printf("  跳过已审定年度的修改 %ld:\n%s", r->locked, r->locked_list);
}

/* The pack file, open for reading: "-" (stdin) is copied to a temporary file first, as the
 * merge reads the pack more than once. */
static FILE *open_pack(const char *path, char *err, size_t errsz)
{
    if (strcmp(path, "-") != 0) {
        int fd = infile_open(path, INFILE_MAX_BYTES, err, errsz);
        FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
        if (!fp && fd >= 0) {
            close(fd);
            snprintf(err, errsz, "%s: %s", path, strerror(errno));
        }
        return fp;
    }
    FILE *fp = tmpfile();
    char buf[65536];
    size_t n;
    bool ok = fp != NULL;
    while (ok && (n = fread(buf, 1, sizeof buf, stdin)) > 0)
        ok = fwrite(buf, 1, n, fp) == n;
    if (!ok || ferror(stdin) || fflush(fp) != 0) {
        snprintf(err, errsz, "标准输入: 无法读取外业包: %s", strerror(errno));
        if (fp)
            fclose(fp);
        return NULL;
    }
    return fp;
}

static int merge_file(struct cli_ctx *ctx, const char *path, bool skip_locked)
{
    char err[1024];
    FILE *fp = open_pack(path, err, sizeof err);
    if (!fp)
        return cli_error(EXIT_DATA, "%s", err);
    struct field_pack_in in;
    struct field_header h;
    char id[65];
    if (!field_pack_open(fp, infile_name(path), &in, &h, id, err, sizeof err)) {
        field_pack_close(&in);
        return cli_error(EXIT_DATA, "%s; 未写入任何数据", err);
    }
    struct store *st = cli_store(ctx);
    if (!st) {
        field_pack_close(&in);
        return EXIT_RUNTIME;
    }
    struct field_merge_result r;
    struct field_source src = field_pack_source(&in);
    int rc = field_merge(st, &h, &src, id, skip_locked, &r);
    field_pack_close(&in);
    if (rc == STORE_OK)
        print_merge(&h, &r, skip_locked);
    else
        cli_error(cli_store_exit(rc), "%s: %s", infile_name(path), store_errmsg(st));
    if (rc != STORE_OK && r.locked && !skip_locked)
        fprintf(stderr, "已审定年度的修改:\n%s", r.locked_list);
    field_merge_result_free(&r);
    return rc == STORE_OK ? EXIT_OK : cli_store_exit(rc);
}

static int run_merge(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"skip-locked", no_argument, NULL, 's'}, {0}};
    bool skip_locked = false;
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 's')
            return cli_option_error("field", argv);
        skip_locked = true;
    }
    if (optind != argc - 1)
        return cli_usage_error("field", "field merge 需要一个包文件");
    return merge_file(ctx, argv[optind], skip_locked);
}

static void print_conflict(void *ctx, const struct field_conflict *c)
{
    (void)ctx;
    const char *status = field_conflict_status_text(c);
    printf("#%ld  %s  %s %s  (%s)%s%s\n", c->id, c->label ? c->label : "", c->table, c->key,
           field_conflict_kind_text(c), *status ? "  " : "", status);
    printf("    检出时: %s\n    县里:   %s\n    笔记本: %s\n", c->checkout ? c->checkout : "(无)",
           c->county ? c->county : "(已删除)", c->laptop ? c->laptop : "(已删除)");
}

static int run_conflicts(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"all", no_argument, NULL, 'a'}, {0}};
    bool all = false;
    int c;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'a')
            return cli_option_error("field", argv);
        all = true;
    }
    if (optind != argc)
        return cli_usage_error("field", "field conflicts 不接受参数");
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    int n = field_conflicts(st, all, print_conflict, NULL);
    if (n < 0)
        return cli_error(EXIT_RUNTIME, "%s", store_errmsg(st));
    if (n == 0)
        printf(all ? "没有冲突\n" : "没有未处理的冲突\n");
    return EXIT_OK;
}

static int run_resolve(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {{"keep", required_argument, NULL, 'k'}, {0}};
    const char *keep = NULL;
    int c, id = 0;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'k')
            return cli_option_error("field", argv);
        keep = optarg;
    }
    if (optind != argc - 1)
        return cli_usage_error("field", "field resolve 需要冲突编号");
    if (!keep || (strcmp(keep, "county") != 0 && strcmp(keep, "laptop") != 0))
        return cli_usage_error("field", "field resolve 需要 --keep county 或 --keep laptop");
    const char *num = argv[optind][0] == '#' ? argv[optind] + 1 : argv[optind];
    if (!cli_parse_int("field", "冲突编号", num, 1, 2000000000, &id))
        return EXIT_USAGE;
    struct store *st = cli_store(ctx);
    if (!st)
        return EXIT_RUNTIME;
    bool laptop = strcmp(keep, "laptop") == 0;
    int rc = field_resolve(st, id, laptop);
    if (rc != STORE_OK)
        return cli_error(cli_store_exit(rc), "%s", store_errmsg(st));
    printf("冲突 #%d 已处理: %s\n", id, laptop ? "采用笔记本的值" : "保留县里的值");
    return EXIT_OK;
}

static int run_field(struct cli_ctx *ctx, int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    } subs[] = {{"checkout", run_checkout}, {"pack", run_pack},         {"merge", run_merge},
                {"conflicts", run_conflicts}, {"resolve", run_resolve}};
    if (argc < 2)
        return cli_usage_error("field", "需要子命令 checkout, pack, merge, conflicts 或 resolve");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].run(ctx, argc - 1, argv + 1);
    return cli_usage_error("field", "未知的子命令 %s", argv[1]);
}

const struct cli_command cmd_field = {
    .name = "field",
    .summary = "外业: 检出笔记本文件, 打包笔记本上的修改, 合并回县里",
    .usage = "用法:\n"
             "  kaoping field checkout LAPTOP.db [--label 名称] [--force]   (在县里的数据库上)\n"
             "  kaoping --db LAPTOP.db field pack -o 包.kpz [--force]       (在笔记本上)\n"
             "  kaoping field merge 包.kpz [--skip-locked]                  (在县里的数据库上)\n"
             "  kaoping field conflicts [--all]\n"
             "  kaoping field resolve 编号 --keep county|laptop\n"
             "\n"
             "checkout 把县里的数据库复制成一个笔记本文件, 记下检出时的状态; 笔记本上照常使用。\n"
             "pack 把检出以来的全部修改 (新增、更新、删除, 连同审计记录) 打成一个包;\n"
             "再打一次包仍包含检出以来的全部修改, 重复合并不会改变任何数据。\n"
             "merge 在一个事务里合并: 两边都改了同一行 (值不同) 是冲突, 县里的值保留,\n"
             "记入冲突列表等人处理; 两边改成一样的值不算冲突。别的县的包、被截断或改动的包、\n"
             "新版本的包、合并到笔记本文件, 都拒绝且不写入任何数据。包内有对已审定 (锁定)\n"
             "年度的修改时整包拒绝, 加 --skip-locked 则跳过这些修改合并其余部分。\n"
             "详见 docs/field.md。\n",
    .run = run_field,
};
