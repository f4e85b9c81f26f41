/* Loading and checking the forms: the built-in copies of assets/forms (generated at build time)
 * or a folder of form files that overrides them. One line per statement:
 *   title TEXT
 *   field NAME key=value ... (label, type, width, min, above, max, source; flag `required`)
 * Blank lines and lines starting with # are ignored. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calendar.h"
#include "model/limits.h"
#include "model/text.h"
#include "model/xmalloc.h"
#include "ui/formspec.h"

#define FIELD_MAX_WIDTH 60

const char *const formspec_sources[] = {"pools",       "categories",         "methods",
                                        "aspects",     "inspection_methods", "veto_reasons",
                                        "ledger_types"};
const size_t formspec_source_count = sizeof formspec_sources / sizeof formspec_sources[0];

/* The forms the screens use: fields they need (must be present) and may use. */
const struct formspec_use formspec_uses[] = {
    {"unit", "code name pool", "parent leader"},
    {"target", "code category name points method target",
     "measure budget sched1 sched2 sched3 sched4 adj_reason adj_by adj_from"},
    {"progress", "actual", "spent score"},
    {"appraisal", "score", "satisfaction"},
    {"inspection", "date aspect method reason points", "inspectors evidence"},
    {"complaint", "date reason points", "method"},
    {"bonus", "date reason points", ""},
    {"veto", "date aspect reason", ""},
    {"rectify", "deadline text", ""},
    {"rectify_done", "note", ""},
};
const size_t formspec_use_count = sizeof formspec_uses / sizeof formspec_uses[0];

static bool parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static bool parse_type(const char *s, enum fs_type *t)
{
    static const char *const names[] = {"text", "integer", "decimal", "date", "choice"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0) {
            *t = (enum fs_type)i;
            return true;
        }
    return false;
}

static bool known_source(const char *s)
{
    for (size_t i = 0; i < formspec_source_count; i++)
        if (strcmp(s, formspec_sources[i]) == 0)
            return true;
    return false;
}

/* Splits the next token; a value may be double-quoted to hold spaces. */
static char *next_token(char **p)
{
    char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return NULL;
    char *start = s, *w = s;
    bool quoted = false;
    for (; *s; s++) {
        if (*s == '"') {
            quoted = !quoted;
            continue;
        }
        if (!quoted && (*s == ' ' || *s == '\t'))
            break;
        *w++ = *s;
    }
    if (*s)
        s++;
    *w = '\0';
    *p = s;
    return start;
}

/* Applies one key=value (or flag) to the field; returns a reason on error. */
static const char *field_attr(struct fs_field *f, char *tok)
{
    char *eq = strchr(tok, '=');
    if (!eq) {
        if (strcmp(tok, "required") == 0) {
            f->required = true;
            return NULL;
        }
        return "未知的选项 (应为 key=value 或 required)";
    }
    *eq = '\0';
    const char *k = tok, *v = eq + 1;
    if (strcmp(k, "label") == 0) {
        free(f->label);
        f->label = xstrdup(v);
    } else if (strcmp(k, "type") == 0) {
        if (!parse_type(v, &f->type))
            return "type 应为 text, integer, decimal, date 或 choice";
    } else if (strcmp(k, "width") == 0) {
        double w;
        if (!parse_number(v, &w) || w < 1 || w > FIELD_MAX_WIDTH || w != floor(w))
            return "width 应为 1 到 60 的整数";
        f->width = (int)w;
    } else if (strcmp(k, "min") == 0 || strcmp(k, "above") == 0) {
        if (!parse_number(v, &f->min))
            return "min/above 应为数字";
        f->has_min = true;
        f->min_exclusive = k[0] == 'a';
    } else if (strcmp(k, "max") == 0) {
        if (!parse_number(v, &f->max))
            return "max 应为数字";
        f->has_max = true;
    } else if (strcmp(k, "source") == 0) {
        if (!known_source(v))
            return "未知的 source";
        free(f->source);
        f->source = xstrdup(v);
    } else {
        return "未知的选项";
    }
    return NULL;
}

static const char *parse_field(struct fs_form *form, char *rest)
{
    char *name = next_token(&rest);
    if (!name || strchr(name, '='))
        return "field 后应为字段名";
    for (size_t i = 0; i < form->n_fields; i++)
        if (strcmp(form->fields[i].name, name) == 0)
            return "字段名重复";
    form->fields = xreallocarray(form->fields, form->n_fields + 1, sizeof *form->fields);
    struct fs_field *f = &form->fields[form->n_fields++];
    memset(f, 0, sizeof *f);
    f->name = xstrdup(name);
    f->width = 10;
    for (char *tok; (tok = next_token(&rest));) {
        const char *why = field_attr(f, tok);
        if (why)
            return why;
    }
    if (!f->label)
        return "缺少 label";
    if (f->type == FS_CHOICE && !f->source)
        return "choice 字段需要 source";
    if (f->type != FS_CHOICE && f->source)
        return "只有 choice 字段可以有 source";
    if (f->type == FS_DATE && f->width < 10)
        f->width = 10;
    if (f->has_min && f->has_max && f->min > f->max)
        return "min 大于 max";
    return NULL;
}

static const char *parse_line(struct fs_form *form, char *line)
{
    char *p = line;
    char *kw = next_token(&p);
    if (!kw || kw[0] == '#')
        return NULL;
    if (strcmp(kw, "title") == 0) {
        while (*p == ' ')
            p++;
        if (!*p)
            return "title 后应有文字";
        free(form->title);
        form->title = xstrdup(p);
        return NULL;
    }
    if (strcmp(kw, "field") == 0)
        return parse_field(form, p);
    return "未知的语句 (应为 title 或 field)";
}

/* The model's bound of each field the screens store (model/limits.h), so a value the form
 * accepts is one import and `check` accept too. The form file's own min/max may be stricter. */
static const struct {
    const char *form, *field;
    bool text;
    int limit;
} field_limits[] = {
    {"unit", "code", true, LIMIT_CODE},
    {"unit", "name", true, LIMIT_NAME},
    {"unit", "parent", true, LIMIT_CODE},
    {"unit", "leader", true, LIMIT_NAME},
    {"target", "code", true, LIMIT_CODE},
    {"target", "name", true, LIMIT_NAME},
    {"target", "measure", true, LIMIT_NAME},
    {"target", "points", false, LIMIT_ITEM_POINTS},
    {"target", "target", false, LIMIT_AMOUNT},
    {"target", "budget", false, LIMIT_MONEY},
    {"target", "sched1", false, LIMIT_PERCENT},
    {"target", "sched2", false, LIMIT_PERCENT},
    {"target", "sched3", false, LIMIT_PERCENT},
    {"target", "sched4", false, LIMIT_PERCENT},
    {"target", "adj_reason", true, LIMIT_FREE},
    {"target", "adj_by", true, LIMIT_NAME},
    {"progress", "actual", false, LIMIT_AMOUNT},
    {"progress", "spent", false, LIMIT_MONEY},
    {"progress", "score", false, LIMIT_SCORE},
    {"appraisal", "score", false, LIMIT_APPRAISAL},
    {"appraisal", "satisfaction", false, LIMIT_PERCENT},
    {"inspection", "reason", true, LIMIT_FREE},
    {"inspection", "points", false, LIMIT_LEDGER_POINTS},
    {"inspection", "inspectors", true, LIMIT_NAME},
    {"inspection", "evidence", true, LIMIT_FREE},
    {"complaint", "method", true, LIMIT_NAME},
    {"complaint", "reason", true, LIMIT_FREE},
    {"complaint", "points", false, LIMIT_LEDGER_POINTS},
    {"bonus", "reason", true, LIMIT_FREE},
    {"bonus", "points", false, LIMIT_LEDGER_POINTS},
    {"veto", "reason", true, LIMIT_FREE},
    {"rectify", "text", true, LIMIT_FREE},
    {"rectify_done", "note", true, LIMIT_FREE},
};

static void set_limits(struct fs_form *form)
{
    for (size_t i = 0; i < form->n_fields; i++) {
        struct fs_field *f = &form->fields[i];
        f->has_limit = false;
        for (size_t k = 0; k < sizeof field_limits / sizeof field_limits[0]; k++)
            if (strcmp(field_limits[k].form, form->name) == 0 &&
                strcmp(field_limits[k].field, f->name) == 0 &&
                field_limits[k].text == (f->type == FS_TEXT)) {
                f->has_limit = true;
                f->limit = field_limits[k].limit;
            }
    }
}

/* Parses the statements of fp (closed here); path names the text in messages. */
static int parse_stream(FILE *fp, const char *path, const char *name, struct fs_form *out,
                        char *err, size_t errsz)
{
    out->name = xstrdup(name);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0;
    const char *why = NULL;
    while (!why && (len = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!text_valid_utf8(line, (size_t)len))
            why = "不是有效的 UTF-8";
        else
            why = parse_line(out, line);
    }
    free(line);
    fclose(fp);
    if (!why && out->n_fields == 0) {
        why = "没有任何 field";
        lineno = 0;
    }
    if (why) {
        snprintf(err, errsz, "表单文件 %s 第 %d 行: %s", path, lineno, why);
        formspec_free_form(out);
        return -1;
    }
    if (!out->title)
        out->title = xstrdup(name);
    set_limits(out);
    return 0;
}

int formspec_parse(const char *path, const char *name, struct fs_form *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errsz, "表单文件 %s 无法读取: %s", path, strerror(errno));
        return -1;
    }
    return parse_stream(fp, path, name, out, err, errsz);
}

int formspec_parse_text(const char *text, const char *path, const char *name,
                        struct fs_form *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    /* fmemopen of an empty buffer fails on some libcs; an empty text is simply no fields */
    FILE *fp = fmemopen((void *)(*text ? text : "\n"), *text ? strlen(text) : 1, "r");
    if (!fp) {
        snprintf(err, errsz, "表单 %s 无法读取: %s", path, strerror(errno));
        return -1;
    }
    return parse_stream(fp, path, name, out, err, errsz);
}

static bool word_in(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; (p = strstr(p, w)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

/* Every form the screens use exists, has the fields they need and no field they ignore. */
static int check_uses(const struct fs_set *set, char *err, size_t errsz)
{
    for (size_t u = 0; u < formspec_use_count; u++) {
        const struct fs_form *f = formspec_get(set, formspec_uses[u].form);
        if (!f) {
            snprintf(err, errsz, "表单目录 %s 缺少 %s.form", set->dir, formspec_uses[u].form);
            return -1;
        }
        for (size_t i = 0; i < f->n_fields; i++)
            if (!word_in(formspec_uses[u].needed, f->fields[i].name) &&
                !word_in(formspec_uses[u].optional, f->fields[i].name)) {
                snprintf(err, errsz, "表单文件 %s/%s.form: 未知字段 %s (可用: %s %s)", set->dir,
                         f->name, f->fields[i].name, formspec_uses[u].needed, formspec_uses[u].optional);
                return -1;
            }
        char need[256];
        snprintf(need, sizeof need, "%s", formspec_uses[u].needed);
        for (char *sv, *w = strtok_r(need, " ", &sv); w; w = strtok_r(NULL, " ", &sv))
            if (formspec_field_index(f, w) < 0) {
                snprintf(err, errsz, "表单文件 %s/%s.form: 缺少字段 %s", set->dir, f->name, w);
                return -1;
            }
    }
    return 0;
}

int formspec_load_dir(const char *dir, struct fs_set *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errsz, "无法打开表单目录 %s: %s", dir, strerror(errno));
        return -1;
    }
    out->dir = xstrdup(dir);
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n <= 5 || strcmp(e->d_name + n - 5, ".form") != 0)
            continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        char *name = xstrndup(e->d_name, n - 5);
        out->forms = xreallocarray(out->forms, out->n_forms + 1, sizeof *out->forms);
        rc = formspec_parse(path, name, &out->forms[out->n_forms], err, errsz);
        if (rc == 0)
            out->n_forms++;
        free(path);
        free(name);
    }
    closedir(d);
    if (rc == 0)
        rc = check_uses(out, err, errsz);
    if (rc != 0)
        formspec_free(out);
    return rc;
}

int formspec_load_builtin(struct fs_set *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof *out);
    out->dir = xstrdup(FORMSPEC_BUILTIN_DIR);
    out->forms = xreallocarray(NULL, formspec_builtin_count, sizeof *out->forms);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < formspec_builtin_count; i++) {
        const struct formspec_text *t = &formspec_builtin[i];
        char *path = xasprintf("%s/%s.form", FORMSPEC_BUILTIN_DIR, t->name);
        rc = formspec_parse_text(t->text, path, t->name, &out->forms[i], err, errsz);
        if (rc == 0)
            out->n_forms++;
        free(path);
    }
    if (rc == 0)
        rc = check_uses(out, err, errsz);
    if (rc != 0)
        formspec_free(out);
    return rc;
}

/* A folder overrides the built-in forms only when named ($KAOPING_FORMS, which --forms sets):
 * no folder is searched for, so a missing built-in set cannot hide behind a source tree. */
int formspec_load_default(struct fs_set *out, char *err, size_t errsz)
{
    const char *env = getenv("KAOPING_FORMS");
    if (env && *env)
        return formspec_load_dir(env, out, err, errsz);
    return formspec_load_builtin(out, err, errsz);
}

void formspec_free_form(struct fs_form *f)
{
    for (size_t i = 0; i < f->n_fields; i++) {
        free(f->fields[i].name);
        free(f->fields[i].label);
        free(f->fields[i].source);
    }
    free(f->fields);
    free(f->name);
    free(f->title);
    memset(f, 0, sizeof *f);
}

void formspec_free(struct fs_set *set)
{
    for (size_t i = 0; i < set->n_forms; i++)
        formspec_free_form(&set->forms[i]);
    free(set->forms);
    free(set->dir);
    memset(set, 0, sizeof *set);
}

const struct fs_form *formspec_get(const struct fs_set *set, const char *name)
{
    for (size_t i = 0; i < set->n_forms; i++)
        if (strcmp(set->forms[i].name, name) == 0)
            return &set->forms[i];
    return NULL;
}

int formspec_field_index(const struct fs_form *f, const char *name)
{
    for (size_t i = 0; i < f->n_fields; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return (int)i;
    return -1;
}

static bool check_range(const struct fs_field *f, double v, char *msg, size_t msgsz)
{
    bool low = f->has_min && (f->min_exclusive ? v <= f->min : v < f->min);
    bool high = f->has_max && v > f->max;
    if (!low && !high)
        return true;
    if (f->has_min && f->has_max)
        snprintf(msg, msgsz, "应在 %g%s 到 %g 之间", f->min, f->min_exclusive ? " (不含)" : "",
                 f->max);
    else if (low)
        snprintf(msg, msgsz, "应%s %g", f->min_exclusive ? "大于" : "不小于", f->min);
    else
        snprintf(msg, msgsz, "应不大于 %g", f->max);
    return false;
}

bool formspec_scrolls(const struct fs_field *f)
{
    return f->type == FS_TEXT && f->has_limit &&
           (f->limit == LIMIT_FREE || f->limit == LIMIT_NAME);
}

bool formspec_check(const struct fs_field *f, const char *value, char *msg, size_t msgsz)
{
    msg[0] = '\0';
    if (!*value) {
        if (f->required)
            snprintf(msg, msgsz, "必填");
        return !f->required;
    }
    double v;
    switch (f->type) {
    case FS_TEXT:
    case FS_CHOICE:
        if (f->type == FS_TEXT && !formspec_scrolls(f) && text_width(value) > f->width) {
            snprintf(msg, msgsz, "太长");
            return false;
        }
        return f->type != FS_TEXT || !f->has_limit ||
               limits_check_text((enum limit_text)f->limit, value, msg, msgsz);
    case FS_DATE:
        if (!calendar_date_text_valid(value)) {
            snprintf(msg, msgsz, "日期无效 (YYYY-MM-DD)");
            return false;
        }
        return true;
    case FS_INTEGER:
    case FS_DECIMAL:
        if (!parse_number(value, &v) || (f->type == FS_INTEGER && v != floor(v)) ||
            strspn(value, "-0123456789.") != strlen(value)) {
            snprintf(msg, msgsz, f->type == FS_INTEGER ? "应为整数" : "应为数字");
            return false;
        }
        return check_range(f, v, msg, msgsz) &&
               (!f->has_limit || limits_check_number((enum limit_num)f->limit, v, msg, msgsz));
    }
    return true;
}

bool formspec_char_ok(const struct fs_field *f, int c)
{
    switch (f->type) {
    case FS_INTEGER:
        return (c >= '0' && c <= '9') || c == '-';
    case FS_DECIMAL:
        return (c >= '0' && c <= '9') || c == '-' || c == '.';
    case FS_DATE:
        return (c >= '0' && c <= '9') || c == '-';
    case FS_CHOICE:
        return false;
    case FS_TEXT:
        return c >= ' ';
    }
    return false;
}
