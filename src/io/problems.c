/* Collecting and printing import problems (see problems.h). */
#include "io/problems.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "io/rows.h"
#include "model/text.h"
#include "model/xmalloc.h"

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
        char where[512];
        if (p->src)
            rows_where(p->src, line, column, where, sizeof where);
        else
            rows_where_line(p->file, line, column, where, sizeof where);
        *list = xreallocarray(*list, *n + 1, sizeof **list);
        (*list)[*n] = xasprintf("%s%s%s", where, warning ? "提醒: " : "", text);
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
