/* CSV output: every field quoted, quotes doubled (what libcsv's csv_fwrite does), plus the
 * formula guard, which needs the prefix inside the quotes. */
#include "io/csv_write.h"

#include <stdarg.h>
#include <string.h>

void csvw_begin(struct csv_writer *w, FILE *fp)
{
    w->fp = fp;
    w->row_started = false;
    w->failed = fputs("\xEF\xBB\xBF", fp) == EOF;
}

static void cell(struct csv_writer *w, const char *prefix, const char *s)
{
    if (w->row_started && fputc(',', w->fp) == EOF)
        w->failed = true;
    w->row_started = true;
    /* Quote by hand around an optional prefix so the ' sits inside the quotes. */
    size_t len = s ? strlen(s) : 0;
    if (fputc('"', w->fp) == EOF || (prefix && fputs(prefix, w->fp) == EOF))
        w->failed = true;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"' && fputc('"', w->fp) == EOF)
            w->failed = true;
        if (fputc(s[i], w->fp) == EOF)
            w->failed = true;
    }
    if (fputc('"', w->fp) == EOF)
        w->failed = true;
}

void csvw_text(struct csv_writer *w, const char *s)
{
    bool risky = s && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
    cell(w, risky ? "'" : NULL, s);
}

void csvw_number(struct csv_writer *w, const char *s)
{
    cell(w, NULL, s);
}

void csvw_numf(struct csv_writer *w, const char *fmt, ...)
{
    char buf[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cell(w, NULL, buf);
}

void csvw_end_row(struct csv_writer *w)
{
    if (fputs("\r\n", w->fp) == EOF)
        w->failed = true;
    w->row_started = false;
}

bool csvw_ok(const struct csv_writer *w)
{
    return !w->failed && !ferror(w->fp);
}
