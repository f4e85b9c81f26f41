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

/* putc_unlocked: a connection's writer is never shared between threads, and the locking
 * fputc (or a small fwrite) per character was a third of the instructions of a province's
 * progress export (bench/README.md). */
static void put(struct csv_writer *w, const char *s)
{
    for (; *s; s++)
        if (putc_unlocked(*s, w->fp) == EOF)
            w->failed = true;
}

static void cell(struct csv_writer *w, const char *prefix, const char *s)
{
    put(w, w->row_started ? ",\"" : "\"");
    w->row_started = true;
    /* Quote by hand around an optional prefix so the ' sits inside the quotes. */
    if (prefix)
        put(w, prefix);
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"' && putc_unlocked('"', w->fp) == EOF) /* the quote doubled */
            w->failed = true;
        if (putc_unlocked(*p, w->fp) == EOF)
            w->failed = true;
    }
    put(w, "\"");
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
    put(w, "\r\n");
    w->row_started = false;
}

bool csvw_ok(const struct csv_writer *w)
{
    return !w->failed && !ferror(w->fp);
}
