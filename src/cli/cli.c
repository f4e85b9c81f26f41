/* Global options, dispatch to a command or the TUI, and helpers shared by the commands. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "db/store.h"
#include "db/years.h"
#include "model/calendar.h"
#include "model/xmalloc.h"

const char cli_global_usage[] =
    "用法: kaoping [--db PATH] [--operator NAME] [--forms DIR] [COMMAND [OPTIONS]]\n"
    "\n"
    "县级政府绩效考评工作站。不带命令时打开终端界面 (需要 UTF-8 终端)。\n"
    "\n"
    "全局选项:\n"
    "  --db PATH         数据库文件 (默认 $KAOPING_DB, 否则\n"
    "                    $XDG_DATA_HOME/kaoping/kaoping.db 或 ~/.local/share/kaoping/kaoping.db)\n"
    "                    文件不存在时只有 demo 和 import 新建它, 终端界面先询问\n"
    "  --operator NAME   操作员, 记入审计日志 (默认 $KAOPING_OPERATOR, 否则登录名)\n"
    "  --forms DIR       终端界面的表单目录, 代替内置的表单 (默认 $KAOPING_FORMS;\n"
    "                    格式见 kaoping-forms(5) 或 docs/forms.md)\n"
    "  -h, --help        显示帮助; `kaoping COMMAND --help` 显示命令的帮助\n"
    "  --version         显示版本\n"
    "\n"
    "退出码: 0 成功, 1 运行或数据库错误, 2 用法错误, 3 输入数据无效 (未写入任何数据)\n"
    "\n"
    "命令:\n";

int cli_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("kaoping: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("kaoping: ", stderr);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (运行 kaoping %s%s--help 查看用法)\n", command ? command : "", command ? " " : "");
    va_end(ap);
    return EXIT_USAGE;
}

bool cli_parse_int(const char *command, const char *what, const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || errno || v < lo || v > hi) {
        cli_usage_error(command, "%s 应为 %d 到 %d 之间的整数: %s", what, lo, hi, s ? s : "(空)");
        return false;
    }
    *out = (int)v;
    return true;
}

bool cli_parse_year(const char *command, const char *s, int *year)
{
    return cli_parse_int(command, "年度", s, KP_YEAR_MIN, KP_YEAR_MAX, year);
}

void cli_getopt_reset(void)
{
    optind = 0; /* GNU: 0 forces a full re-initialisation */
    opterr = 0;
}

int cli_option_error(const char *command, char **argv)
{
    /* An unknown long option leaves optopt 0; a known one missing its value, or a bad short
     * option, leaves it set. Either way argv[optind - 1] is the word at fault, unless it was
     * a short option inside a group (-fx). */
    const char *word = optind > 0 ? argv[optind - 1] : NULL;
    if (word && word[0] == '-' && (word[1] == '-' || optopt == 0 || word[1] == optopt))
        return cli_usage_error(command, "无效的选项或缺少选项的值: %s", word);
    return cli_usage_error(command, "无效的选项或缺少选项的值: -%c", optopt);
}

int cli_default_year(struct store *st, int *year)
{
    if (*year == 0 && (*year = store_latest_year(st)) == 0)
        return cli_error(EXIT_DATA, "数据库中还没有任何年度");
    return EXIT_OK;
}

int cli_store_year(struct cli_ctx *ctx, struct store **st, int *year)
{
    if (!(*st = cli_store(ctx)))
        return EXIT_RUNTIME;
    return cli_default_year(*st, year);
}

struct store *cli_store(struct cli_ctx *ctx)
{
    if (ctx->store)
        return ctx->store;
    if (!ctx->may_create && access(ctx->db_path, F_OK) != 0) {
        cli_error(EXIT_RUNTIME, "数据库 %s 不存在; 新建数据库用 demo 或 import, 或不带命令打开工作站",
                  ctx->db_path);
        return NULL;
    }
    char err[512];
    ctx->store = store_open(ctx->db_path, ctx->operator_name, err, sizeof err);
    if (!ctx->store)
        cli_error(EXIT_RUNTIME, "%s", err);
    return ctx->store;
}

int cli_output_open(struct cli_output *out, const struct cli_ctx *ctx, const char *path)
{
    char err[1024];
    enum outfile_status st = outfile_open(&out->file, path, ctx->db_path,
                                          ctx->force ? OUTFILE_FORCE : 0, err, sizeof err);
    out->fp = out->file.fp;
    if (st == OUTFILE_OK)
        return EXIT_OK;
    return cli_error(st == OUTFILE_REFUSED ? EXIT_USAGE : EXIT_RUNTIME, "%s", err);
}

int cli_output_close(struct cli_output *out, bool ok)
{
    char err[1024];
    bool written = outfile_close(&out->file, ok, err, sizeof err);
    out->fp = NULL;
    if (err[0])
        cli_error(EXIT_RUNTIME, "%s", err);
    return written ? EXIT_OK : EXIT_RUNTIME;
}

void cli_today(char out[11], const char *override_date)
{
    if (override_date && *override_date) {
        snprintf(out, 11, "%s", override_date);
        return;
    }
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static void print_global_help(void)
{
    fputs(cli_global_usage, stdout);
    for (size_t i = 0; i < cli_command_count; i++)
        printf("  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
}

static char *login_name(void)
{
    const char *env = getenv("KAOPING_OPERATOR");
    if (env && *env)
        return xstrdup(env);
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name)
        return xstrdup(pw->pw_name);
    env = getenv("USER");
    return xstrdup(env && *env ? env : "unknown");
}

/* Removes --db/--operator/--forms (anywhere on the line) into the slots; returns false on a
 * missing value. */
static bool take_global_options(int *argc, char **argv, char **db, char **op, char **forms)
{
    int w = 1;
    for (int r = 1; r < *argc; r++) {
        char **slot = NULL;
        const char *name = NULL, *value = NULL;
        if (strcmp(argv[r], "--") == 0) {
            while (r < *argc)
                argv[w++] = argv[r++];
            break;
        }
        if (strcmp(argv[r], "--db") == 0 || strncmp(argv[r], "--db=", 5) == 0)
            slot = db, name = "--db";
        else if (strcmp(argv[r], "--operator") == 0 || strncmp(argv[r], "--operator=", 11) == 0)
            slot = op, name = "--operator";
        else if (strcmp(argv[r], "--forms") == 0 || strncmp(argv[r], "--forms=", 8) == 0)
            slot = forms, name = "--forms";
        if (!slot) {
            argv[w++] = argv[r];
            continue;
        }
        const char *eq = strchr(argv[r], '=');
        if (eq)
            value = eq + 1;
        else if (r + 1 < *argc)
            value = argv[++r];
        if (!value || !*value) {
            cli_usage_error(NULL, "%s 需要一个值", name);
            return false;
        }
        free(*slot);
        *slot = xstrdup(value);
    }
    *argc = w;
    argv[w] = NULL;
    return true;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    }
    return false;
}

/* What a command printed must have arrived: a full disk or /dev/full behind stdout is an error
 * like any other. A command that failed with EXIT_RUNTIME has already said why. */
static int finish_stdout(int rc)
{
    bool earlier = ferror(stdout);
    clearerr(stdout);
    errno = 0;
    int e = fflush(stdout) == 0 ? 0 : errno ? errno : EIO;
    if (!e && earlier)
        e = EIO;
    /* Closing also reports what only close sees (NFS); EBADF is a stdout closed by the
     * shell (>&-) that nothing was written to. */
    if (fclose(stdout) != 0 && !e && errno != EBADF)
        e = errno;
    if (!e || rc == EXIT_RUNTIME)
        return rc;
    cli_error(rc, "写入标准输出失败: %s", strerror(e));
    return rc == EXIT_OK ? EXIT_RUNTIME : rc;
}

int cli_main(int argc, char **argv, cli_workstation_fn workstation)
{
    char *db_flag = NULL, *op_flag = NULL, *forms_flag = NULL;
    if (!take_global_options(&argc, argv, &db_flag, &op_flag, &forms_flag)) {
        free(db_flag), free(op_flag), free(forms_flag);
        return EXIT_USAGE;
    }
    /* The workstation reads its form folder from $KAOPING_FORMS (formspec_load_default):
     * --forms is that variable for this run, so both spellings follow one rule. */
    if (forms_flag && setenv("KAOPING_FORMS", forms_flag, 1) != 0) {
        free(db_flag), free(op_flag), free(forms_flag);
        return cli_error(EXIT_RUNTIME, "--forms: %s", strerror(errno));
    }
    free(forms_flag);
    struct cli_ctx ctx = {0};
    ctx.db_path = store_default_path(db_flag);
    ctx.operator_name = op_flag ? op_flag : login_name();
    free(db_flag);

    int rc;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        print_global_help();
        rc = EXIT_OK;
    } else if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("kaoping %s\n", KAOPING_VERSION);
        rc = EXIT_OK;
    } else if (argc >= 2) {
        const struct cli_command *cmd = cli_find_command(argv[1]);
        if (!cmd)
            rc = cli_usage_error(NULL, "未知命令 %s", argv[1]);
        else if (wants_help(argc - 1, argv + 1))
            fputs(cmd->usage, stdout), rc = EXIT_OK;
        else {
            ctx.may_create = cmd->creates;
            rc = cmd->run(&ctx, argc - 1, argv + 1);
        }
    } else {
        rc = workstation(ctx.db_path, ctx.operator_name);
    }
    store_close(ctx.store);
    rc = finish_stdout(rc);
    free(ctx.db_path);
    free(ctx.operator_name);
    return rc;
}

int cli_store_exit(int rc)
{
    return rc == STORE_INVALID || rc == STORE_NOTFOUND ? EXIT_DATA : EXIT_RUNTIME;
}
