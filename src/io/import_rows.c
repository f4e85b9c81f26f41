/* The import driver over a row source: header mapping, cells outside the columns, one row at a
 * time through its kind's parser (io/kind_*.c), duplicates inside the file. */
#include "io/import_rows.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/kind_row.h"
#include "model/text.h"
#include "model/xmalloc.h"

/* ---- header ---- */

/* Columns offices add to their sheets that no kind imports: accepted and left out (a kind
 * that has such a column, as units has 单位名称, maps it first). */
static bool ignored_column(const char *name)
{
    static const char *const extra[] = {"序号", "单位名称"};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (strcmp(name, extra[i]) == 0)
            return true;
    return false;
}

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

static bool map_header(const struct data_kind *kind, const struct rows_row *h, struct header *hd,
                       struct import_problems *probs)
{
    const struct import_column *cols = kind->cols;
    size_t n = kind->n_cols;
    bool ok = true;
    for (size_t i = 0; i < IMPORT_MAX_COLUMNS; i++)
        hd->map[i] = -1, hd->names[i] = NULL;
    hd->width = h->n;
    hd->used = xcalloc(h->n ? h->n : 1, sizeof *hd->used);
    if (h->n == 1 && strpbrk(h->cells[0], ";\t")) {
        import_error(probs, h->line, NULL,
                     "表头只有一列, 其中有%s: 文件不是逗号分隔的; " CSV_SAVE_HINT,
                     strchr(h->cells[0], ';') ? "分号" : "制表符");
        return false;
    }
    for (size_t c = 0; c < h->n; c++) {
        const char *name = h->cells[c];
        if (!*name)
            continue; /* empty header cells (Excel's trailing commas): checked per row */
        int col = find_column(cols, n, name);
        if (col < 0 && ignored_column(name)) {
            import_warning(probs, h->line, name, "这一列不导入, 已忽略");
            hd->used[c] = true;
        } else if (col < 0) {
            char known[512];
            list_columns(cols, n, known, sizeof known);
            import_error(probs, h->line, name, "未知的列 (%s 文件的列为: %s)",
                         kind->name, known);
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

/* ---- cells outside the columns ---- */

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
static size_t thousands_split(const struct rows_row *row)
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
                         c->row->n, c->hd->width, i + 1, (int)text_cut_bytes(c->row->cells[i], 40),
                         c->row->cells[i], hint ? THOUSANDS_HINT : "");
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

const char *import_column_label(const struct import_batch *b, const char *canonical)
{
    size_t n = b->kind->n_cols;
    for (size_t i = 0; i < n; i++)
        if (strcmp(b->kind->cols[i].zh, canonical) == 0)
            return b->header[i] ? b->header[i] : canonical;
    return canonical;
}

bool import_has_column(const struct import_batch *b, const char *canonical)
{
    size_t n = b->kind->n_cols;
    for (size_t i = 0; i < n; i++)
        if (strcmp(b->kind->cols[i].zh, canonical) == 0)
            return b->header[i] != NULL;
    return false;
}

/* ---- the file's keys: duplicates, and what the checks need of other rows ---- */

static const char *sort_arena; /* qsort and bsearch have no context argument */

static int cmp_key(const void *a, const void *b)
{
    const struct import_key *x = a, *y = b;
    int c = strcmp(sort_arena + x->off, sort_arena + y->off);
    return c ? c : (x->off > y->off) - (x->off < y->off); /* off grows with the row */
}

static int cmp_key_text(const void *k, const void *e)
{
    return strcmp(k, sort_arena + ((const struct import_key *)e)->off);
}

static void index_add(struct import_index *ix, const struct data_kind *kind, const struct import_row *r)
{
    char *key = kind->key(r);
    size_t len = strlen(key) + 1;
    while (ix->len + len > ix->cap)
        ix->arena = xrealloc(ix->arena, ix->cap = ix->cap ? 2 * ix->cap : 65536);
    if (ix->n == ix->cap_keys)
        ix->keys = xreallocarray(ix->keys, ix->cap_keys = ix->cap_keys ? 2 * ix->cap_keys : 1024,
                                 sizeof *ix->keys);
    memcpy(ix->arena + ix->len, key, len);
    ix->keys[ix->n++] = (struct import_key){(uint32_t)ix->len, (int32_t)r->line,
                                            kind->key_value ? kind->key_value(r) : 0,
                                            kind->key_value2 ? kind->key_value2(r) : 0};
    ix->len += len;
    free(key);
}

const struct import_key *import_index_find(const struct import_index *ix, const char *key)
{
    if (ix->n == 0)
        return NULL;
    sort_arena = ix->arena;
    return bsearch(key, ix->keys, ix->n, sizeof *ix->keys, cmp_key_text);
}

static bool key_at(const struct import_index *ix, size_t i, const char *key)
{
    return strcmp(ix->arena + ix->keys[i].off, key) == 0;
}

const struct import_key *import_index_find_at(const struct import_index *ix, const char *key,
                                              size_t place)
{
    if (place < ix->n && key_at(ix, place, key) && (place == 0 || !key_at(ix, place - 1, key)) &&
        (place + 1 == ix->n || !key_at(ix, place + 1, key)))
        return &ix->keys[place];
    return import_index_find(ix, key);
}

/* Sorts the keys (key, then file order) and reports every key after its first row. */
static void check_duplicates(struct import_batch *b, struct import_problems *probs)
{
    const struct data_kind *kind = b->kind;
    struct import_index *ix = &b->index;
    sort_arena = ix->arena;
    /* A file exported by kaoping is in key order already: one pass instead of the sort. */
    size_t sorted = 1;
    while (sorted < ix->n && cmp_key(&ix->keys[sorted - 1], &ix->keys[sorted]) < 0)
        sorted++;
    if (sorted < ix->n)
        qsort(ix->keys, ix->n, sizeof *ix->keys, cmp_key);
    for (size_t i = 1; i < ix->n; i++) {
        if (strcmp(ix->arena + ix->keys[i].off, ix->arena + ix->keys[i - 1].off) != 0)
            continue;
        import_error(probs, ix->keys[i].line, import_column_label(b, kind->dup_column),
                     "与第 %ld 行%s", (long)ix->keys[i - 1].line, kind->dup_text);
    }
}

/* ---- what offices put around the table ---- */

/* Title rows above the header (a merged 「2025年度加减分台账」), 合计/小计 rows and 注/说明
 * lines among or below the data: recognised and skipped, with one note for each sort. */
#define MAX_TITLE_ROWS 5

struct layout {
    long first[2]; /* line of the first total row, first note line (0: none) */
    size_t count[2];
    char *what[2]; /* the first one's text, for the note */
};

/* The index of the row's only non-empty cell, or -1. */
static long only_cell(const struct rows_row *r)
{
    long at = -1;
    for (size_t i = 0; i < r->n; i++) {
        if (!r->cells[i][0])
            continue;
        if (at >= 0)
            return -1;
        at = (long)i;
    }
    return at;
}

/* One cell that is not a column name: a title. (A header of one cell with ; or a tab is a
 * file with another separator, which map_header explains.) */
static bool is_title(const struct data_kind *kind, const struct rows_row *r)
{
    long i = only_cell(r);
    return i >= 0 && !strpbrk(r->cells[i], ";\t") &&
           find_column(kind->cols, kind->n_cols, r->cells[i]) < 0 &&
           !ignored_column(r->cells[i]);
}

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* 0: a 合计/小计/总计 row (its first cell, spaces between the characters allowed), 1: a line of
 * notes (one cell starting 注, 说明 or 备注), -1: data. */
static int layout_row(const struct rows_row *r)
{
    size_t first = 0;
    while (first < r->n && !r->cells[first][0])
        first++;
    if (first == r->n || (r->cells[first][0] >= '0' && r->cells[first][0] <= '9'))
        return -1; /* a year or a code: data (most rows) */
    char word[32];
    size_t w = 0;
    for (const char *p = r->cells[first]; *p && w + 1 < sizeof word;) {
        if (*p == ' ')
            p++;
        else if (starts_with(p, "\xE3\x80\x80")) /* U+3000, the ideographic space */
            p += 3;
        else
            word[w++] = *p++;
    }
    word[w] = '\0';
    if (strcmp(word, "合计") == 0 || strcmp(word, "小计") == 0 || strcmp(word, "总计") == 0)
        return 0;
    const char *c = r->cells[first];
    if (only_cell(r) >= 0 && (starts_with(c, "注") || starts_with(c, "说明") || starts_with(c, "备注")))
        return 1;
    return -1;
}

static void layout_note(struct layout *l, int sort, const struct rows_row *r)
{
    if (l->count[sort]++ == 0) {
        l->first[sort] = r->line;
        long i = only_cell(r);
        l->what[sort] = xstrdup(r->cells[i >= 0 ? i : 0]);
    }
}

static void layout_report(struct layout *l, struct import_problems *probs)
{
    static const char *const sort_name[2] = {"合计行", "说明文字"};
    for (int k = 0; k < 2; k++) {
        if (!l->count[k])
            continue;
        const char *s = l->what[k];
        import_warning(probs, l->first[k], NULL, "%s「%.*s%s」%s不是数据, 已跳过", sort_name[k],
                       krow_quote_len(s), s, krow_quote_more(s),
                       l->count[k] > 1 ? "等" : "");
        free(l->what[k]);
    }
}

/* Excel's and WPS's error values: a formula that failed. Stored as text they would pass for
 * data (a name, a note), so they are refused wherever they stand. */
static bool error_value(const char *s)
{
    if (*s != '#') /* every cell of every row passes here: most are not even close */
        return false;
    static const char *const errors[] = {"#DIV/0!", "#N/A", "#VALUE!", "#REF!",  "#NAME?",
                                         "#NUM!",   "#NULL!", "#SPILL!", "#CALC!"};
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        if (strcmp(s, errors[i]) == 0)
            return true;
    return false;
}

/* True when the row has none (its cells are then worth parsing). */
static bool check_error_values(struct rowctx *c, size_t n_cols)
{
    bool found = false;
    for (size_t col = 0; col < n_cols; col++) {
        const char *v = krow_cell(c, (int)col);
        if (!error_value(v))
            continue;
        krow_error(c, (int)col,
                   "是电子表格的错误值 %s (公式算不出结果): 请在表格中改正公式, 或填入数值", v);
        found = true;
    }
    return !found;
}

/* ---- driver ---- */

void import_row_free(const struct data_kind *kind, struct import_row *r)
{
    kind->free_row(r);
    free(r->unit);
    memset(r, 0, sizeof *r);
}

/* The header row: mapped, and its names copied into the batch (a source's cells live only
 * until its next row). */
static bool read_header(const struct data_kind *kind, struct rows *src, struct header *hd,
                        struct import_batch *out, struct import_problems *probs, long *line)
{
    struct rows_row h;
    hd->used = NULL;
    int titles = 0;
    char *title = NULL;
    long title_line = 0;
    bool got;
    while ((got = rows_next(src, &h)) && titles < MAX_TITLE_ROWS && is_title(kind, &h)) {
        if (titles++ == 0)
            title = xstrdup(h.cells[only_cell(&h)]), title_line = h.line;
    }
    if (titles) {
        import_warning(probs, title_line, NULL, "表头上方的标题「%.*s%s」%s已跳过",
                       krow_quote_len(title), title, krow_quote_more(title),
                       titles > 1 ? "等几行" : "");
        free(title);
    }
    if (!got) {
        if (!rows_error(src)) /* a broken file is the caller's to report (rows_error) */
            import_error(probs, 0, NULL, "文件是空的 (第一行应为表头)");
        return false;
    }
    *line = h.line;
    if (!map_header(kind, &h, hd, probs))
        return false;
    for (size_t i = 0; i < kind->n_cols; i++) {
        out->header[i] = hd->names[i] ? xstrdup(hd->names[i]) : NULL;
        hd->names[i] = out->header[i];
    }
    return true;
}

/* Parses one data row into r; false (r freed) when it has errors. */
static bool parse_row(const struct data_kind *kind, const struct rows_row *row, const struct header *hd,
                      struct import_row *r, struct import_problems *probs)
{
    struct rowctx c = {row, hd, kind->cols, probs, false};
    memset(r, 0, sizeof *r);
    r->line = row->line;
    check_extra_cells(&c);
    if (check_error_values(&c, kind->n_cols))
        kind->parse(&c, r);
    if (c.bad)
        import_row_free(kind, r);
    return !c.bad;
}

/* The data rows after the header: kept in out->rows (each NULL), or handed to each->row one
 * at a time. */
static void parse_body(const struct data_kind *kind, struct rows *src, const struct header *hd,
                       struct import_batch *out, struct import_problems *probs,
                       const struct import_each *each)
{
    size_t cap = 0;
    struct rows_row row;
    struct layout lay;
    memset(&lay, 0, sizeof lay);
    while (rows_next(src, &row)) {
        int sort = layout_row(&row);
        if (sort >= 0) {
            layout_note(&lay, sort, &row);
            continue;
        }
        if (!each && out->n == cap)
            out->rows = xreallocarray(out->rows, cap = cap ? 2 * cap : 64, sizeof *out->rows);
        struct import_row one, *r = each ? &one : &out->rows[out->n];
        if (parse_row(kind, &row, hd, r, probs)) {
            out->parsed++;
            if (!each || each->index)
                index_add(&out->index, kind, r);
            if (!each)
                out->n++;
            else if (each->row)
                each->row(each->ctx, r);
            if (each)
                import_row_free(kind, r);
        }
        if (++out->seen % 4096 == 0 && each && each->progress)
            each->progress(each->ctx, out->seen);
    }
    layout_report(&lay, probs);
}

bool import_stream_rows(const struct data_kind *kind, struct rows *src, struct import_batch *out,
                        struct import_problems *probs, const struct import_each *each)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    const struct rows *outer = probs->src;
    probs->src = src;
    struct header hd;
    long header_line = 0;
    size_t errors_before = probs->n_errors;
    bool mapped = out->mapped = read_header(kind, src, &hd, out, probs, &header_line);
    if (mapped) {
        if (!each)
            out->rows = xcalloc(1, sizeof *out->rows);
        parse_body(kind, src, &hd, out, probs, each);
    }
    /* harmless (an emptied sheet), but maybe the wrong file */
    if (mapped && out->seen == 0 && !rows_error(src))
        import_warning(probs, header_line, NULL, "文件只有表头, 没有数据行, 没有可导入的内容");
    free(hd.used);
    if (mapped && (!each || each->index))
        check_duplicates(out, probs);
    probs->src = outer;
    return mapped && probs->n_errors == errors_before;
}

/* The batch (every row kept): for kinds checked as a whole, tests and the fuzzer. */
bool import_parse_rows(const struct data_kind *kind, struct rows *src, struct import_batch *out,
                       struct import_problems *probs)
{
    return import_stream_rows(kind, src, out, probs, NULL);
}

bool import_parse(const struct data_kind *kind, const struct csv_table *t, struct import_batch *out,
                  struct import_problems *probs)
{
    struct rows *src = rows_from_table(probs->file, t);
    bool ok = import_parse_rows(kind, src, out, probs);
    rows_close(src);
    return ok;
}

void import_batch_free(struct import_batch *b)
{
    free(b->index.arena);
    free(b->index.keys);
    for (size_t i = 0; i < b->n; i++)
        import_row_free(b->kind, &b->rows[i]);
    free(b->rows);
    for (size_t i = 0; i < IMPORT_MAX_COLUMNS; i++)
        free(b->header[i]);
    memset(b, 0, sizeof *b);
}
