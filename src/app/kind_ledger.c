/* ledger (加减分台账): *编号*, 年度, 单位编码, 日期, 类型, 分值, *方面*, *方式*, 事由, *核验人*,
 * *证据* (docs/csv.md). The whole kind (app/kinds.h): columns, parser, key, export writer, store
 * writer; the stable id of a record without 编号, matched to the stored record with the same
 * content; absent columns keep the stored values. Streamed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/import_checker.h"
#include "app/kinds.h"
#include "db/ledger.h"
#include "io/field.h"
#include "io/kind_row.h"
#include "model/calendar.h"
#include "model/text.h"
#include "model/xmalloc.h"

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
        krow_vocab(c, L_ASPECT, e->aspect, kp_inspection_aspects, 6, "查访核验的方面");
        krow_vocab(c, L_METHOD, e->method, kp_inspection_methods, 4, "查访核验的方式");
        break;
    case LEDGER_VETO:
        krow_vocab(c, L_ASPECT, e->aspect, kp_veto_reasons, 5, "一票否决的事项");
        break;
    case LEDGER_COMPLAINT:
    case LEDGER_BONUS:
        break;
    }
    const char *pts = krow_num_cell(c, L_POINTS);
    if (e->type == LEDGER_VETO) {
        double v = 0;
        char why[512];
        if (*pts && !field_parse_number(pts, false, &v, why, sizeof why))
            krow_error(c, L_POINTS, "%s", why);
        else if (*pts && v != 0 && !c->bad)
            krow_error(c, L_POINTS, "一票否决不计分值, 请留空或填 0 (现为「%.*s%s」)",
                       krow_quote_len(pts), pts, krow_quote_more(pts));
        e->points = 0;
    } else if (!*pts) {
        krow_error(c, L_POINTS, "不能为空 (%s 的分值应大于 0)", ledger_type_label(e->type));
    } else {
        krow_number(c, L_POINTS, true, LIMIT_LEDGER_POINTS, &e->points);
    }
}

static void parse_ledger(struct rowctx *c, struct import_row *r)
{
    struct ledger_entry *e = &r->v.ledger;
    char why[512];
    r->year = krow_year(c, L_YEAR);
    r->unit = krow_code(c, L_UNIT, true);
    const char *d = krow_cell(c, L_DATE);
    if (!*d)
        krow_error(c, L_DATE, "不能为空 (YYYY-MM-DD)");
    else if (!field_parse_date(d, e->date, why, sizeof why))
        krow_error(c, L_DATE, "%s", why);
    else if (r->year && !calendar_in_ledger_window(e->date, r->year))
        import_warning(c->probs, c->row->line, krow_colname(c, L_DATE),
                       "日期 %s 不在 %d 年度内, 请确认年度", e->date, r->year);
    const char *t = field_unguard(krow_cell(c, L_TYPE));
    char low[64];
    bool typed = *t && ledger_type_parse(krow_lower(t, low, sizeof low), &e->type);
    if (!typed)
        krow_error(c, L_TYPE,
                   "「%s」无效, 应为 查访核验、投诉查处、加分 或 一票否决 "
                   "(inspection、complaint、bonus、veto)",
                   t);
    e->aspect = krow_text_opt(c, L_ASPECT);
    e->method = krow_text_opt(c, L_METHOD);
    e->reason = krow_text_req(c, L_REASON);
    e->inspectors = krow_text_opt(c, L_INSPECTOR);
    e->evidence = krow_text_opt(c, L_EVIDENCE);
    if (typed)
        ledger_values(c, e);
    const char *id = field_unguard(krow_cell(c, L_ID));
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

static void free_ledger(struct import_row *r)
{
    free(r->v.ledger.aspect), free(r->v.ledger.method), free(r->v.ledger.reason);
    free(r->v.ledger.inspectors), free(r->v.ledger.evidence);
}

static char *key_ledger(const struct import_row *r)
{
    return xstrdup(r->v.ledger.id);
}

/* Whether the file gave the row's 编号 (1) or it was derived from the content (0):
 * file_uses_id below. */
static double value_ledger(const struct import_row *r)
{
    return r->derived_id ? 0 : 1;
}

static size_t export_ledger(const struct export_source *src, const struct row_sink *out)
{
    const struct year_data *yd = src->yd;
    for (size_t i = 0; i < yd->n_ledger; i++) {
        const struct ledger_entry *e = &yd->ledger[i];
        krow_put_text(out, e->id);
        krow_put_int(out, src->year);
        krow_put_text(out, yd->units[e->unit_index].code), krow_put_text(out, e->date);
        krow_put_text(out, ledger_type_label(e->type));
        krow_put_num(out, e->points), krow_put_text(out, e->aspect);
        krow_put_text(out, e->method), krow_put_text(out, e->reason);
        krow_put_text(out, e->inspectors), krow_put_text(out, e->evidence);
        out->end_row(out->ctx);
    }
    return yd->n_ledger;
}

/* ---- the store side ---- */

static int put_ledger(struct store *st, struct import_row *r, const struct app_import_request *q,
               enum store_put *res)
{
    (void)q;
    return store_ledger_put(st, r->year, r->unit, &r->v.ledger, res);
}

/* The year's lookups (year_cache.kind_cache). The year's ledger is never held (its records
 * and texts grow with the province: 35 MB at 8,000 units): a record is found by its id, or by
 * its content among its unit's records of that day, each one indexed read of the store. */
struct ledger_cache {
    struct ledger_entry found; /* the last record found by id (its texts owned) */
    struct ledger_entry *day;  /* the last day's records read for a content match */
    size_t n_day;
};

static struct ledger_cache *cache(struct year_cache *y)
{
    if (!y->kind_cache)
        y->kind_cache = xcalloc(1, sizeof(struct ledger_cache));
    return y->kind_cache;
}

static void drop_day(struct ledger_cache *lc)
{
    for (size_t i = 0; i < lc->n_day; i++)
        ledger_entry_free(&lc->day[i]);
    free(lc->day);
    lc->day = NULL, lc->n_day = 0;
}

static void free_cache(void *p)
{
    struct ledger_cache *lc = p;
    if (lc)
        ledger_entry_free(&lc->found), drop_day(lc);
    free(lc);
}

/* The year's stored record with this id, or NULL (also when the store cannot be read:
 * c->failed). Valid until the next call. */
static const struct ledger_entry *find_ledger(struct checker *c, struct year_cache *y,
                                              const char *id)
{
    struct ledger_cache *lc = cache(y);
    ledger_entry_free(&lc->found);
    bool found = false;
    if (store_ledger_find(c->st, y->year, id, &lc->found, &found) != STORE_OK)
        c->failed = true;
    return found ? &lc->found : NULL;
}

/* A stored record of the row's unit and date whose content (year, unit, date, type, points,
 * aspect, method, reason, inspectors) gives the content id cid, whatever id it was stored
 * under (records entered on screen, or by the demo, have random ids); of two such records
 * (typed twice) the one with the smaller id. Valid until the next call. */
static const struct ledger_entry *find_same_content(struct checker *c, struct year_cache *y,
                                                    const struct import_row *r,
                                                    const char *cid)
{
    struct ledger_cache *lc = cache(y);
    drop_day(lc);
    if (store_ledger_of_day(c->st, y->year, r->unit, r->v.ledger.date, &lc->day, &lc->n_day) !=
        STORE_OK) {
        c->failed = true;
        return NULL;
    }
    char stored[KP_ID_LEN + 1];
    for (size_t i = 0; i < lc->n_day; i++) {
        /* A record of the file itself may already be written (rows are written as they are
         * checked): the rows are matched with the records as they were before the import. */
        if (import_index_find(&c->b->index, lc->day[i].id))
            continue;
        import_ledger_content_id(y->year, r->unit, &lc->day[i], stored);
        if (strcmp(stored, cid) == 0)
            return &lc->day[i];
    }
    return NULL;
}

/* True when a row of the file names record id by its 编号 (io/import_rows.h: the index's
 * value says whether the file gave the key or derived it). */
static bool file_uses_id(struct checker *c, const char *id)
{
    const struct import_key *k = import_index_find(&c->b->index, id);
    return k && k->value != 0;
}

/* A row with a 编号 the store does not have, but with the content of a stored record: the same
 * deduction exported from another copy of the records (other random 编号) would otherwise be
 * counted twice. An error, unless the operator says they are separate records. */
static void report_duplicate(struct checker *c, const struct import_row *r, struct year_cache *y)
{
    char cid[KP_ID_LEN + 1], pts[40];
    import_ledger_content_id(r->year, r->unit, &r->v.ledger, cid);
    const struct ledger_entry *e = find_same_content(c, y, r, cid);
    if (!e || c->allow_duplicates)
        return;
    field_format_number(e->points, pts);
    import_error(c->probs, r->line, import_column_label(c->b, "编号"),
                 "编号「%s」是新的, 但内容与已有记录 %s 相同 (%s %s %s %s 分「%.*s%s」): 可能是同一批"
                 "记录的另一份导出, 导入会重复扣分; 确是另一条记录时请加 --allow-duplicates",
                 r->v.ledger.id, e->id, r->unit, e->date, ledger_type_label(e->type), pts,
                 (int)text_cut_bytes(e->reason, 60), e->reason,
                 e->reason[text_cut_bytes(e->reason, 60)] ? "…" : "");
}

/* A ledger row without 编号 is the stored record with the same content, when there is one: so
 * an exported ledger whose 编号 column was deleted, or a file typed again from the same paper
 * records, never doubles a deduction. (Unless the file names that record by its 编号 in
 * another row: then this row is a new record.) */
static void match_content(struct checker *c, struct import_row *r, struct year_cache *y)
{
    if (find_ledger(c, y, r->v.ledger.id))
        return;
    if (!r->derived_id) {
        report_duplicate(c, r, y);
        return;
    }
    const struct ledger_entry *e = find_same_content(c, y, r, r->v.ledger.id);
    if (e && !file_uses_id(c, e->id))
        memcpy(r->v.ledger.id, e->id, sizeof r->v.ledger.id);
}

/* A stored record keeps its 方面, 方式, 核验人 and 证据 when the file lacks the column. */
static void merge_ledger(struct checker *c, struct import_row *r, struct year_cache *y)
{
    if (import_has_column(c->b, "方面") && import_has_column(c->b, "方式") &&
        import_has_column(c->b, "核验人") && import_has_column(c->b, "证据"))
        return; /* nothing to keep: skip the search */
    const struct ledger_entry *e = find_ledger(c, y, r->v.ledger.id);
    if (!e)
        return;
    const char *cols[] = {"方面", "方式", "核验人", "证据"};
    char **dst[] = {&r->v.ledger.aspect, &r->v.ledger.method, &r->v.ledger.inspectors,
                    &r->v.ledger.evidence};
    const char *src[] = {e->aspect, e->method, e->inspectors, e->evidence};
    for (int i = 0; i < 4; i++)
        if (checker_absent(c, cols[i]))
            checker_keep_text(dst[i], src[i]);
}

static void check_row_ledger(struct checker *c, struct import_row *r, struct year_cache *y,
                             const struct unit *u)
{
    (void)u;
    match_content(c, r, y);
    merge_ledger(c, r, y);
}

static const struct kind_store ledger_store = {
    .put = put_ledger,
    .streamed = true,
    .check_row = check_row_ledger,
    .free_cache = free_cache,
};

const struct data_kind kind_ledger = {
    .name = "ledger",
    .sheet = "加减分台账",
    .per_year = true,
    .reads = KIND_READS_LEDGER,
    .cols = ledger_cols,
    .n_cols = sizeof ledger_cols / sizeof ledger_cols[0],
    .dup_column = "编号",
    .dup_text =
        "是同一条记录 (编号相同, 或没有编号且内容完全相同); 如确为两条, 请在 事由 中写明区别",
    .parse = parse_ledger,
    .free_row = free_ledger,
    .key = key_ledger,
    .key_value = value_ledger,
    .export_rows = export_ledger,
    .store = &ledger_store,
};
