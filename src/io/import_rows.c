/* Header mapping and row validation for the five CSV kinds. Column tables are the single
 * source of the headers: export writes them, import maps them. */
#include "io/import_rows.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/field.h"
#include "model/calendar.h"
#include "model/limits.h"
#include "model/text.h"
#include "model/xmalloc.h"

static const char *const kind_names[IMPORT_KIND_COUNT] = {"units", "targets", "progress", "ledger",
                                                          "appraisals"};

enum { U_CODE, U_NAME, U_POOL, U_PARENT, U_LEADER };
static const struct import_column unit_cols[] = {{"单位编码", "code", true},
                                                 {"单位名称", "name", true},
                                                 {"分组", "pool", true},
                                                 {"上级编码", "parent", false},
                                                 {"负责人", "leader", false}};

enum {
    T_YEAR,
    T_UNIT,
    T_ITEM,
    T_CATEGORY,
    T_NAME,
    T_POINTS,
    T_METHOD,
    T_TARGET,
    T_MEASURE,
    T_BUDGET,
    T_SCHEDULE
};
static const struct import_column target_cols[] = {
    {"年度", "year", true},        {"单位编码", "unit", true},     {"指标编码", "item", true},
    {"类别", "category", true},    {"指标名称", "name", true},     {"分值", "points", true},
    {"计分方式", "method", true},  {"目标值", "target", true},     {"计量单位", "measure", false},
    {"预算金额", "budget", false}, {"序时进度", "schedule", false}};

enum { P_YEAR, P_UNIT, P_ITEM, P_QUARTER, P_ACTUAL, P_SPENT, P_SCORE, P_NOTE };
static const struct import_column progress_cols[] = {
    {"年度", "year", true},    {"单位编码", "unit", true},     {"指标编码", "item", true},
    {"季度", "quarter", true}, {"累计完成值", "actual", true}, {"累计支出", "spent", false},
    {"评分", "score", false},  {"备注", "note", false}};

enum {
    L_ID,
    L_YEAR,
    L_UNIT,
    L_DATE,
    L_TYPE,
    L_POINTS,
    L_ASPECT,
    L_METHOD,
    L_REASON,
    L_INSPECTOR,
    L_EVIDENCE
};
static const struct import_column ledger_cols[] = {
    {"编号", "id", false},          {"年度", "year", true},     {"单位编码", "unit", true},
    {"日期", "date", true},         {"类型", "type", true},     {"分值", "points", true},
    {"方面", "aspect", false},      {"方式", "method", false},  {"事由", "reason", true},
    {"核验人", "inspector", false}, {"证据", "evidence", false}};

enum { A_YEAR, A_UNIT, A_SCORE, A_SAT };
static const struct import_column appraisal_cols[] = {{"年度", "year", true},
                                                      {"单位编码", "unit", true},
                                                      {"公众评议得分", "score", true},
                                                      {"满意率", "satisfaction", false}};

#define COLS(a)                                                                                    \
    {                                                                                              \
        a, sizeof a / sizeof a[0]                                                                  \
    }
static const struct {
    const struct import_column *cols;
    size_t n;
} kind_cols[IMPORT_KIND_COUNT] = {COLS(unit_cols), COLS(target_cols), COLS(progress_cols),
                                  COLS(ledger_cols), COLS(appraisal_cols)};
#define MAX_COLS IMPORT_MAX_COLUMNS

bool import_kind_parse(const char *s, enum import_kind *out)
{
    for (int k = 0; k < IMPORT_KIND_COUNT; k++)
        if (strcmp(s, kind_names[k]) == 0) {
            *out = (enum import_kind)k;
            return true;
        }
    return false;
}

const char *import_kind_name(enum import_kind k)
{
    return kind_names[k];
}

const struct import_column *import_columns(enum import_kind k, size_t *n)
{
    *n = kind_cols[k].n;
    return kind_cols[k].cols;
}

/* ---- problems ---- */

void import_problems_init(struct import_problems *p, const char *file)
{
    memset(p, 0, sizeof *p);
    p->file = xstrdup(file);
}

void import_problems_free(struct import_problems *p)
{
    size_t ne = p->n_errors < IMPORT_MAX_SHOWN ? p->n_errors : IMPORT_MAX_SHOWN;
    size_t nw = p->n_warnings < IMPORT_MAX_SHOWN ? p->n_warnings : IMPORT_MAX_SHOWN;
    for (size_t i = 0; i < ne; i++)
        free(p->errors[i]);
    for (size_t i = 0; i < nw; i++)
        free(p->warnings[i]);
    free(p->errors), free(p->warnings), free(p->file);
    free(p->error_lines), free(p->warning_lines);
    memset(p, 0, sizeof *p);
}

static void add(struct import_problems *p, bool warning, long line, const char *column,
                const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static void add(struct import_problems *p, bool warning, long line, const char *column,
                const char *fmt, va_list ap)
{
    size_t *n = warning ? &p->n_warnings : &p->n_errors;
    char ***list = warning ? &p->warnings : &p->errors;
    long **lines = warning ? &p->warning_lines : &p->error_lines;
    if (*n < IMPORT_MAX_SHOWN) {
        *lines = xreallocarray(*lines, *n + 1, sizeof **lines);
        (*lines)[*n] = line;
        char text[1024];
        vsnprintf(text, sizeof text, fmt, ap);
        text_end_whole(text);
        char where[64] = "";
        if (line > 0)
            snprintf(where, sizeof where, "%ld:", line);
        *list = xreallocarray(*list, *n + 1, sizeof **list);
        (*list)[*n] = column
                          ? xasprintf("%s:%s 列 %s: %s%s", p->file, where, column,
                                      warning ? "提醒: " : "", text)
                          : xasprintf("%s:%s %s%s", p->file, where, warning ? "提醒: " : "", text);
    }
    (*n)++;
}

void import_error(struct import_problems *p, long line, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(p, false, line, column, fmt, ap);
    va_end(ap);
}

void import_warning(struct import_problems *p, long line, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(p, true, line, column, fmt, ap);
    va_end(ap);
}

static const long *sort_lines; /* qsort has no context argument */

static int cmp_by_line(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_lines[x] != sort_lines[y])
        return sort_lines[x] < sort_lines[y] ? -1 : 1;
    return (x > y) - (x < y);
}

void import_problems_print(const struct import_problems *p, FILE *fp, bool warnings)
{
    size_t total = warnings ? p->n_warnings : p->n_errors;
    char **list = warnings ? p->warnings : p->errors;
    size_t shown = total < IMPORT_MAX_SHOWN ? total : IMPORT_MAX_SHOWN;
    size_t idx[IMPORT_MAX_SHOWN];
    for (size_t i = 0; i < shown; i++)
        idx[i] = i;
    sort_lines = warnings ? p->warning_lines : p->error_lines;
    qsort(idx, shown, sizeof idx[0], cmp_by_line);
    for (size_t i = 0; i < shown; i++) {
        char *clean = text_clean(list[idx[i]]); /* a quoted cell may hold terminal escapes */
        fprintf(fp, "%s\n", clean);
        free(clean);
    }
    if (total > shown)
        fprintf(fp, "%s: 还有 %zu 个%s未列出\n", p->file, total - shown,
                warnings ? "提醒" : "问题");
}

/* ---- header ---- */

struct header {
    int map[MAX_COLS];           /* column -> cell index, or -1 */
    const char *names[MAX_COLS]; /* the header text as written in the file */
    size_t width;                /* cells in the header row */
    bool *used;                  /* cell index -> mapped */
};

static int find_column(const struct import_column *cols, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, cols[i].zh) == 0 || strcasecmp(name, cols[i].en) == 0)
            return (int)i;
    return -1;
}

static void list_columns(const struct import_column *cols, size_t n, char *out, size_t outsz)
{
    size_t w = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && w < outsz; i++)
        w += (size_t)snprintf(out + w, outsz - w, "%s%s", i ? "、" : "", cols[i].zh);
}

static bool map_header(enum import_kind kind, const struct csv_row *h, struct header *hd,
                       struct import_problems *probs)
{
    const struct import_column *cols = kind_cols[kind].cols;
    size_t n = kind_cols[kind].n;
    bool ok = true;
    for (size_t i = 0; i < MAX_COLS; i++)
        hd->map[i] = -1, hd->names[i] = NULL;
    hd->width = h->n;
    hd->used = xcalloc(h->n ? h->n : 1, sizeof *hd->used);
    if (h->n == 1 && strpbrk(h->cells[0], ";\t")) {
        import_error(probs, h->line, NULL,
                     "表头只有一列, 其中有%s: 文件不是逗号分隔的; 请在 Excel 或 WPS 中另存为"
                     "「CSV UTF-8 (逗号分隔)」",
                     strchr(h->cells[0], ';') ? "分号" : "制表符");
        return false;
    }
    for (size_t c = 0; c < h->n; c++) {
        const char *name = h->cells[c];
        if (!*name)
            continue; /* empty header cells (Excel's trailing commas): checked per row */
        int col = find_column(cols, n, name);
        if (col < 0) {
            char known[512];
            list_columns(cols, n, known, sizeof known);
            import_error(probs, h->line, name, "未知的列 (%s 文件的列为: %s)", kind_names[kind],
                         known);
            ok = false;
        } else if (hd->map[col] >= 0) {
            import_error(probs, h->line, name, "重复的列 (第 %d 列与第 %zu 列)", hd->map[col] + 1,
                         c + 1);
            ok = false;
        } else {
            hd->map[col] = (int)c;
            hd->names[col] = name;
            hd->used[c] = true;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (cols[i].required && hd->map[i] < 0) {
            import_error(probs, h->line, cols[i].zh, "缺少必需的列 (英文名 %s 也可以)", cols[i].en);
            ok = false;
        }
    return ok;
}

/* ---- one row ---- */

struct rowctx {
    const struct csv_row *row;
    const struct header *hd;
    const struct import_column *cols;
    struct import_problems *probs;
    bool bad;
};

static const char *colname(const struct rowctx *c, int col)
{
    return c->hd->names[col] ? c->hd->names[col] : c->cols[col].zh;
}

static const char *cell(const struct rowctx *c, int col)
{
    int i = c->hd->map[col];
    return i >= 0 && (size_t)i < c->row->n ? c->row->cells[i] : "";
}

static void row_error(struct rowctx *c, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void row_error(struct rowctx *c, int col, const char *fmt, ...)
{
    char text[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    text_end_whole(text);
    import_error(c->probs, c->row->line, col >= 0 ? colname(c, col) : NULL, "%s", text);
    c->bad = true;
}

/* Free-text columns (model/limits.h LIMIT_FREE); every other text column is a name. */
static enum limit_text text_kind(const struct rowctx *c, int col)
{
    static const char *const free_text[] = {"事由", "备注", "证据"};
    for (size_t i = 0; i < sizeof free_text / sizeof free_text[0]; i++)
        if (strcmp(c->cols[col].zh, free_text[i]) == 0)
            return LIMIT_FREE;
    return LIMIT_NAME;
}

/* Quoting a cell in a message: at most 60 bytes, cut between characters, "…" when cut. */
#define QUOTE_MAX 60
static int quote_len(const char *s)
{
    return (int)text_cut_bytes(s, QUOTE_MAX);
}

static const char *quote_more(const char *s)
{
    return s[text_cut_bytes(s, QUOTE_MAX)] ? "…" : "";
}

/* A text cell within its kind's length and characters (model/limits.h). */
static char *text_checked(struct rowctx *c, int col, enum limit_text kind)
{
    const char *s = field_unguard(cell(c, col));
    char why[256];
    if (!*s)
        return NULL;
    if (!limits_check_text(kind, s, why, sizeof why)) {
        row_error(c, col, "「%.*s%s」%s", quote_len(s), s, quote_more(s), why);
        return NULL;
    }
    return xstrdup(s);
}

static char *text_opt(struct rowctx *c, int col)
{
    return text_checked(c, col, text_kind(c, col));
}

static char *text_req_kind(struct rowctx *c, int col, enum limit_text kind)
{
    char *s = text_checked(c, col, kind);
    if (!s && !*field_unguard(cell(c, col)))
        row_error(c, col, "不能为空");
    return s;
}

static char *text_req(struct rowctx *c, int col)
{
    return text_req_kind(c, col, text_kind(c, col));
}

/* Codes are keys: short, one line, no space (model/limits.h LIMIT_CODE; the forms ask the same
 * rule through model/rules.h rules_code_valid). */
static char *code_req(struct rowctx *c, int col, bool required)
{
    return required ? text_req_kind(c, col, LIMIT_CODE) : text_checked(c, col, LIMIT_CODE);
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* What operators type for "no value" in a number cell (一 is not among them: it is a digit in
 * Chinese writing, and ambiguous). */
static bool is_placeholder(const char *s)
{
    static const char *const dashes[] = {"-", "--", "—",  "——", "－", "－－",
                                         "–", "/",  "／", "―",  "――"};
    return in_list(s, dashes, sizeof dashes / sizeof dashes[0]);
}

/* A number cell: a placeholder dash counts as empty. */
static const char *num_cell(const struct rowctx *c, int col)
{
    const char *s = cell(c, col);
    return is_placeholder(s) ? "" : s;
}

/* Returns false when absent (and not required) or invalid; errors reported. */
static bool number(struct rowctx *c, int col, bool required, enum limit_num r, double *out)
{
    const char *s = num_cell(c, col);
    char why[512];
    if (!*s) {
        if (required)
            row_error(c, col, "%s",
                      *cell(c, col) ? "不能为空 (这一列必须填写数值, 不能用「—」)" : "不能为空");
        return false;
    }
    if (!field_parse_number(s, limits_range(r)->percent, out, why, sizeof why)) {
        row_error(c, col, "%s", why);
        return false;
    }
    if (!limits_check_number(r, *out, why, sizeof why)) {
        row_error(c, col, "「%.*s%s」%s", quote_len(s), s, quote_more(s), why);
        return false;
    }
    return true;
}

static int year_of(struct rowctx *c, int col)
{
    int y = 0;
    char why[512];
    const char *s = cell(c, col);
    if (!*s)
        row_error(c, col, "不能为空");
    else if (!field_parse_int(s, KP_YEAR_MIN, KP_YEAR_MAX, &y, why, sizeof why))
        row_error(c, col, "%s", why);
    return y;
}

#define THOUSANDS_HINT "; 带千位分隔符的数字须加引号, 如 \"1,200.5\""

/* Digits left over from an unquoted "1,200": worth the hint about quoting. */
static bool looks_numeric(const char *s)
{
    return *s && strspn(s, "0123456789.") == strlen(s);
}

/* Two neighbouring cells that read as one number split at an unquoted thousands separator:
 * "1" then "200.5" (1-3 digits, then 3 digits and an optional fraction). Returns the index of
 * the first of the last such pair (a quarter "2" before an actual "100" is a pair too, and
 * comes earlier in every kind), or (size_t)-1. */
static size_t thousands_split(const struct csv_row *row)
{
    for (size_t i = row->n < 2 ? 0 : row->n - 1; i-- > 0;) {
        const char *a = row->cells[i], *b = row->cells[i + 1];
        size_t la = strlen(a), lb = strspn(b, "0123456789");
        bool head = la >= 1 && la <= 3 && strspn(a, "0123456789") == la;
        bool tail = lb == 3 && (b[3] == '\0' || (b[3] == '.' && b[4] && looks_numeric(b + 4)));
        if (head && tail)
            return i;
    }
    return (size_t)-1;
}

/* A row longer than the header whose extra cells are all empty: the usual trace of a comma
 * that was not quoted (2025,D01,1,200.5,, under a 5-column header), which shifted every cell
 * after it one column to the right. Excel and WPS pad every row to the same width, so this is
 * refused rather than read with shifted values. */
static void too_many_empty(struct rowctx *c)
{
    size_t at = thousands_split(c->row);
    if (at != (size_t)-1)
        import_error(
            c->probs, c->row->line, NULL,
            "这一行有 %zu 个单元格, 比表头的 %zu 列多: 第 %zu、%zu 格「%s」「%s」可能是没有"
            "加引号的数字 %s,%s, 逗号把它分成了两格, 后面的列都错位了" THOUSANDS_HINT,
            c->row->n, c->hd->width, at + 1, at + 2, c->row->cells[at], c->row->cells[at + 1],
            c->row->cells[at], c->row->cells[at + 1]);
    else
        import_error(c->probs, c->row->line, NULL,
                     "这一行有 %zu 个单元格, 比表头的 %zu 列多 (多出的格是空的): 可能某个单元格中的"
                     "逗号没有加引号, 使后面的列错位; 如只是行尾多了逗号, 请删去",
                     c->row->n, c->hd->width);
    c->bad = true;
}

/* Cells outside the mapped columns must be empty (an unquoted 1,200 lands there), and a row
 * may not be longer than the header at all. */
static void check_extra_cells(struct rowctx *c)
{
    for (size_t i = 0; i < c->row->n; i++) {
        if (!c->row->cells[i][0] || (i < c->hd->width && c->hd->used[i]))
            continue;
        bool hint = looks_numeric(c->row->cells[i]);
        if (i >= c->hd->width)
            import_error(c->probs, c->row->line, NULL,
                         "这一行有 %zu 个单元格, 比表头的 %zu 列多 (第 %zu 格「%.*s」)%s",
                         c->row->n, c->hd->width, i + 1,
                         (int)text_cut_bytes(c->row->cells[i], 40), c->row->cells[i],
                         hint ? THOUSANDS_HINT : "");
        else
            import_error(c->probs, c->row->line, NULL, "第 %zu 列没有表头, 却有内容「%.*s」%s",
                         i + 1, (int)text_cut_bytes(c->row->cells[i], 40), c->row->cells[i],
                         hint ? THOUSANDS_HINT : "");
        c->bad = true;
        return;
    }
    if (c->row->n > c->hd->width)
        too_many_empty(c);
}

static void parse_unit(struct rowctx *c, struct import_row *r)
{
    struct unit *u = &r->v.unit;
    r->unit = code_req(c, U_CODE, true);
    u->code = r->unit;
    u->name = text_req(c, U_NAME);
    u->pool = text_req(c, U_POOL);
    u->parent = code_req(c, U_PARENT, false);
    u->leader = text_opt(c, U_LEADER);
    if (r->unit && u->parent && strcmp(r->unit, u->parent) == 0)
        row_error(c, U_PARENT, "单位不能是自己的上级");
}

/* The English words of a vocabulary in any case ("Ratio": spreadsheets capitalise a cell's
 * first letter); a copy that does not fit is left as it is (it matches nothing anyway). */
static const char *ascii_lower(const char *s, char *buf, size_t bufsz)
{
    size_t n = strlen(s);
    if (n >= bufsz)
        return s;
    for (size_t i = 0; i <= n; i++)
        buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    return buf;
}

static void parse_target(struct rowctx *c, struct import_row *r)
{
    struct target_item *t = &r->v.target;
    char why[512];
    r->year = year_of(c, T_YEAR);
    r->unit = code_req(c, T_UNIT, true);
    t->code = code_req(c, T_ITEM, true);
    t->category = text_req(c, T_CATEGORY);
    t->name = text_req(c, T_NAME);
    number(c, T_POINTS, true, LIMIT_ITEM_POINTS, &t->points);
    char low[64];
    const char *m = field_unguard(cell(c, T_METHOD));
    if (!*m)
        row_error(c, T_METHOD, "不能为空 (比例、反向或评分)");
    else if (!method_parse(ascii_lower(m, low, sizeof low), &t->method))
        row_error(c, T_METHOD, "「%s」无效, 应为 比例、反向 或 评分 (ratio、inverse、manual)", m);
    number(c, T_TARGET, true, LIMIT_AMOUNT, &t->target);
    t->measure = text_opt(c, T_MEASURE);
    if (!number(c, T_BUDGET, false, LIMIT_MONEY, &t->budget))
        t->budget = 0;
    const char *sched = num_cell(c, T_SCHEDULE);
    static const double def[4] = {25, 50, 75, 100};
    memcpy(t->schedule, def, sizeof def);
    if (*sched && !field_parse_schedule(sched, t->schedule, why, sizeof why))
        row_error(c, T_SCHEDULE, "%s", why);
}

static void parse_progress(struct rowctx *c, struct import_row *r)
{
    struct quarter_progress *p = &r->v.progress.p;
    char why[512];
    r->year = year_of(c, P_YEAR);
    r->unit = code_req(c, P_UNIT, true);
    r->v.progress.item = code_req(c, P_ITEM, true);
    const char *q = cell(c, P_QUARTER);
    if (!*q)
        row_error(c, P_QUARTER, "不能为空 (1-4)");
    else if (!field_parse_quarter(q, &r->v.progress.quarter, why, sizeof why))
        row_error(c, P_QUARTER, "%s", why);
    p->present = true;
    number(c, P_ACTUAL, true, LIMIT_AMOUNT, &p->actual);
    p->has_spent = number(c, P_SPENT, false, LIMIT_MONEY, &p->spent);
    p->has_score = number(c, P_SCORE, false, LIMIT_SCORE, &p->score);
    p->note = text_opt(c, P_NOTE);
}

static void join(const char *const *list, size_t n, char *out, size_t outsz)
{
    size_t w = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && w < outsz; i++)
        w += (size_t)snprintf(out + w, outsz - w, "%s%s", i ? "、" : "", list[i]);
}

static void check_vocab(struct rowctx *c, int col, const char *v, const char *const *list, size_t n,
                        const char *what)
{
    char all[512];
    if (v && !in_list(v, list, n)) {
        join(list, n, all, sizeof all);
        row_error(c, col, "「%s」不是%s, 应为: %s", v, what, all);
    }
}

static bool is_hex_id(const char *s)
{
    if (strlen(s) != KP_ID_LEN)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
            return false;
    return true;
}

/* FNV-1a, 128-bit: stable across versions and machines, which is all the id needs. */
struct fnv {
    unsigned __int128 h;
};

static void fnv_init(struct fnv *f)
{
    f->h = ((unsigned __int128)0x6c62272e07bb0142ULL << 64) | 0x62b821756295c58dULL;
}

static void fnv_add(struct fnv *f, const char *s)
{
    const unsigned __int128 prime =
        ((unsigned __int128)0x0000000001000000ULL << 64) | 0x000000000000013BULL;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        f->h ^= *p;
        f->h *= prime;
    }
    f->h ^= 0x1f; /* field separator, so "ab","c" differs from "a","bc" */
    f->h *= prime;
}

static void fnv_hex(const struct fnv *f, char out[KP_ID_LEN + 1])
{
    for (int i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", (unsigned)(f->h >> (8 * (15 - i))) & 0xff);
}

void import_ledger_content_id(int year, const char *unit, const struct ledger_entry *e,
                              char out[KP_ID_LEN + 1])
{
    char y[16], points[40];
    snprintf(y, sizeof y, "%d", year);
    field_format_number(e->points, points);
    struct fnv f;
    fnv_init(&f);
    const char *parts[] = {"ledger", y,         unit,      e->date,   ledger_type_token(e->type),
                           points,   e->aspect, e->method, e->reason, e->inspectors};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        fnv_add(&f, parts[i]);
    fnv_hex(&f, out);
}

/* An id from the operator's own numbering ("2025-001"): stable per year and text. */
static void numbering_id(int year, const char *given, char out[KP_ID_LEN + 1])
{
    char y[16];
    snprintf(y, sizeof y, "%d", year);
    struct fnv f;
    fnv_init(&f);
    fnv_add(&f, "ledger-no");
    fnv_add(&f, y);
    fnv_add(&f, given);
    fnv_hex(&f, out);
}

static void ledger_values(struct rowctx *c, struct ledger_entry *e)
{
    switch (e->type) {
    case LEDGER_INSPECTION:
        check_vocab(c, L_ASPECT, e->aspect, kp_inspection_aspects, 6, "查访核验的方面");
        check_vocab(c, L_METHOD, e->method, kp_inspection_methods, 4, "查访核验的方式");
        break;
    case LEDGER_VETO:
        check_vocab(c, L_ASPECT, e->aspect, kp_veto_reasons, 5, "一票否决的事项");
        break;
    case LEDGER_COMPLAINT:
    case LEDGER_BONUS:
        break;
    }
    const char *pts = num_cell(c, L_POINTS);
    if (e->type == LEDGER_VETO) {
        double v = 0;
        char why[512];
        if (*pts && !field_parse_number(pts, false, &v, why, sizeof why))
            row_error(c, L_POINTS, "%s", why);
        else if (*pts && v != 0 && !c->bad)
            row_error(c, L_POINTS, "一票否决不计分值, 请留空或填 0 (现为「%.*s%s」)",
                      quote_len(pts), pts, quote_more(pts));
        e->points = 0;
    } else if (!*pts) {
        row_error(c, L_POINTS, "不能为空 (%s 的分值应大于 0)", ledger_type_label(e->type));
    } else {
        number(c, L_POINTS, true, LIMIT_LEDGER_POINTS, &e->points);
    }
}

static void parse_ledger(struct rowctx *c, struct import_row *r)
{
    struct ledger_entry *e = &r->v.ledger;
    char why[512];
    r->year = year_of(c, L_YEAR);
    r->unit = code_req(c, L_UNIT, true);
    const char *d = cell(c, L_DATE);
    if (!*d)
        row_error(c, L_DATE, "不能为空 (YYYY-MM-DD)");
    else if (!field_parse_date(d, e->date, why, sizeof why))
        row_error(c, L_DATE, "%s", why);
    else if (r->year && !calendar_in_ledger_window(e->date, r->year))
        import_warning(c->probs, c->row->line, colname(c, L_DATE),
                       "日期 %s 不在 %d 年度内, 请确认年度", e->date, r->year);
    const char *t = field_unguard(cell(c, L_TYPE));
    char low[64];
    bool typed = *t && ledger_type_parse(ascii_lower(t, low, sizeof low), &e->type);
    if (!typed)
        row_error(c, L_TYPE,
                  "「%s」无效, 应为 查访核验、投诉查处、加分 或 一票否决 "
                  "(inspection、complaint、bonus、veto)",
                  t);
    e->aspect = text_opt(c, L_ASPECT);
    e->method = text_opt(c, L_METHOD);
    e->reason = text_req(c, L_REASON);
    e->inspectors = text_opt(c, L_INSPECTOR);
    e->evidence = text_opt(c, L_EVIDENCE);
    if (typed)
        ledger_values(c, e);
    const char *id = field_unguard(cell(c, L_ID));
    if (c->bad)
        return;
    if (is_hex_id(id)) {
        for (int i = 0; i < KP_ID_LEN; i++)
            e->id[i] = (char)(id[i] >= 'A' && id[i] <= 'F' ? id[i] - 'A' + 'a' : id[i]);
        e->id[KP_ID_LEN] = '\0';
    } else if (*id) {
        numbering_id(r->year, id, e->id);
    } else {
        import_ledger_content_id(r->year, r->unit, e, e->id);
        r->derived_id = true;
    }
}

static void parse_appraisal(struct rowctx *c, struct import_row *r)
{
    r->year = year_of(c, A_YEAR);
    r->unit = code_req(c, A_UNIT, true);
    number(c, A_SCORE, true, LIMIT_APPRAISAL, &r->v.appraisal.score);
    r->v.appraisal.has_satisfaction =
        number(c, A_SAT, false, LIMIT_PERCENT, &r->v.appraisal.satisfaction);
}

static void row_free(enum import_kind kind, struct import_row *r)
{
    switch (kind) {
    case KIND_UNITS:
        free(r->v.unit.name), free(r->v.unit.pool), free(r->v.unit.parent), free(r->v.unit.leader);
        break;
    case KIND_TARGETS:
        free(r->v.target.code), free(r->v.target.category), free(r->v.target.name);
        free(r->v.target.measure);
        break;
    case KIND_PROGRESS:
        free(r->v.progress.item), free(r->v.progress.p.note);
        break;
    case KIND_LEDGER:
        free(r->v.ledger.aspect), free(r->v.ledger.method), free(r->v.ledger.reason);
        free(r->v.ledger.inspectors), free(r->v.ledger.evidence);
        break;
    case KIND_APPRAISALS:
        break;
    }
    free(r->unit);
    memset(r, 0, sizeof *r);
}

const char *import_column_label(const struct import_batch *b, const char *canonical)
{
    size_t n = kind_cols[b->kind].n;
    for (size_t i = 0; i < n; i++)
        if (strcmp(kind_cols[b->kind].cols[i].zh, canonical) == 0)
            return b->header[i] ? b->header[i] : canonical;
    return canonical;
}

bool import_has_column(const struct import_batch *b, const char *canonical)
{
    size_t n = kind_cols[b->kind].n;
    for (size_t i = 0; i < n; i++)
        if (strcmp(kind_cols[b->kind].cols[i].zh, canonical) == 0)
            return b->header[i] != NULL;
    return false;
}

/* ---- duplicates ---- */

struct keyed {
    char *key;
    size_t index;
};

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static char *row_key(enum import_kind kind, const struct import_row *r)
{
    switch (kind) {
    case KIND_UNITS:
        return xstrdup(r->unit);
    case KIND_TARGETS:
        return xasprintf("%d\x1f%s\x1f%s", r->year, r->unit, r->v.target.code);
    case KIND_PROGRESS:
        return xasprintf("%d\x1f%s\x1f%s\x1f%d", r->year, r->unit, r->v.progress.item,
                         r->v.progress.quarter);
    case KIND_LEDGER:
        return xstrdup(r->v.ledger.id);
    case KIND_APPRAISALS:
        return xasprintf("%d\x1f%s", r->year, r->unit);
    }
    return xstrdup("");
}

static const char *const dup_column[IMPORT_KIND_COUNT] = {"单位编码", "指标编码", "季度", "编号",
                                                          "单位编码"};

static void check_duplicates(struct import_batch *b, struct import_problems *probs)
{
    struct keyed *k = xcalloc(b->n ? b->n : 1, sizeof *k);
    for (size_t i = 0; i < b->n; i++)
        k[i] = (struct keyed){row_key(b->kind, &b->rows[i]), i};
    qsort(k, b->n, sizeof *k, cmp_keyed);
    for (size_t i = 1; i < b->n; i++) {
        if (strcmp(k[i].key, k[i - 1].key) != 0)
            continue;
        const struct import_row *first = &b->rows[k[i - 1].index], *again = &b->rows[k[i].index];
        if (b->kind == KIND_LEDGER)
            import_error(probs, again->line, import_column_label(b, dup_column[b->kind]),
                         "与第 %ld 行是同一条记录 (编号相同, 或没有编号且内容完全相同); "
                         "如确为两条, 请在 事由 中写明区别",
                         first->line);
        else
            import_error(probs, again->line, import_column_label(b, dup_column[b->kind]),
                         "与第 %ld 行重复 (同一%s)", first->line,
                         b->kind == KIND_UNITS      ? "单位编码"
                         : b->kind == KIND_TARGETS  ? "年度、单位和指标"
                         : b->kind == KIND_PROGRESS ? "年度、单位、指标和季度"
                                                    : "年度和单位");
    }
    for (size_t i = 0; i < b->n; i++)
        free(k[i].key);
    free(k);
}

/* ---- driver ---- */

typedef void (*row_parser)(struct rowctx *c, struct import_row *r);
static const row_parser parsers[IMPORT_KIND_COUNT] = {parse_unit, parse_target, parse_progress,
                                                      parse_ledger, parse_appraisal};

bool import_parse(enum import_kind kind, const struct csv_table *t, struct import_batch *out,
                  struct import_problems *probs)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    if (t->n_rows == 0) {
        import_error(probs, 0, NULL, "文件是空的 (第一行应为表头)");
        return false;
    }
    struct header hd;
    size_t errors_before = probs->n_errors;
    if (!map_header(kind, &t->rows[0], &hd, probs)) {
        free(hd.used);
        return false;
    }
    for (size_t i = 0; i < kind_cols[kind].n; i++)
        out->header[i] = xstrdup(hd.names[i]);
    if (t->n_rows == 1) /* harmless (an emptied sheet), but worth saying: maybe the wrong file */
        import_warning(probs, t->rows[0].line, NULL, "文件只有表头, 没有数据行, 没有可导入的内容");
    out->rows = xcalloc(t->n_rows, sizeof *out->rows);
    for (size_t i = 1; i < t->n_rows; i++) {
        struct rowctx c = {&t->rows[i], &hd, kind_cols[kind].cols, probs, false};
        struct import_row *r = &out->rows[out->n];
        r->line = t->rows[i].line;
        check_extra_cells(&c);
        parsers[kind](&c, r);
        if (c.bad)
            row_free(kind, r);
        else
            out->n++;
    }
    free(hd.used);
    check_duplicates(out, probs);
    return probs->n_errors == errors_before;
}

void import_batch_free(struct import_batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        row_free(b->kind, &b->rows[i]);
    free(b->rows);
    for (size_t i = 0; i < IMPORT_MAX_COLUMNS; i++)
        free(b->header[i]);
    memset(b, 0, sizeof *b);
}
