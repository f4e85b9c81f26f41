/* A line of wide characters and the window of it a field shows (textline.h). The ncurses form
 * library draws garbage when a field scrolls CJK text (docs/terminal.md §1), so the window is
 * computed here and handed to the field already fitted. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/xmalloc.h"
#include "ui/textline.h"

/* Columns of one character as shown: a control or zero-width character is drawn as '?'. */
static int char_cols(wchar_t c)
{
    int w = wcwidth(c);
    return w < 1 ? 1 : w;
}

static int cols_of(const struct textline *t, size_t from, size_t to)
{
    int w = 0;
    for (size_t k = from; k < to; k++)
        w += char_cols(t->s[k]);
    return w;
}

void textline_load(struct textline *t, const char *utf8, size_t max)
{
    textline_free(t);
    t->max = max;
    size_t n = mbstowcs(NULL, utf8 ? utf8 : "", 0);
    if (n == (size_t)-1)
        n = 0;
    t->cap = n + 16;
    t->s = xcalloc(t->cap, sizeof *t->s);
    if (n > 0)
        mbstowcs(t->s, utf8, n + 1);
    t->n = t->cur = n;
    t->left = 0;
}

void textline_free(struct textline *t)
{
    free(t->s);
    memset(t, 0, sizeof *t);
}

char *textline_text(const struct textline *t)
{
    size_t bytes = t->n * (size_t)MB_LEN_MAX + 1;
    char *out = xmalloc(bytes);
    out[0] = '\0';
    char *p = out;
    for (size_t k = 0; k < t->n; k++) {
        char mb[MB_LEN_MAX];
        size_t m = wctomb(mb, t->s[k]);
        if (m == (size_t)-1)
            continue;
        memcpy(p, mb, m);
        p += m;
    }
    *p = '\0';
    return out;
}

bool textline_insert(struct textline *t, wchar_t c)
{
    if (t->n >= t->max)
        return false;
    if (t->n + 1 > t->cap) {
        t->cap = t->cap * 2 + 16;
        t->s = xreallocarray(t->s, t->cap, sizeof *t->s);
    }
    memmove(t->s + t->cur + 1, t->s + t->cur, (t->n - t->cur) * sizeof *t->s);
    t->s[t->cur++] = c;
    t->n++;
    return true;
}

bool textline_delete(struct textline *t)
{
    if (t->cur >= t->n)
        return false;
    memmove(t->s + t->cur, t->s + t->cur + 1, (t->n - t->cur - 1) * sizeof *t->s);
    t->n--;
    return true;
}

bool textline_backspace(struct textline *t)
{
    if (t->cur == 0)
        return false;
    t->cur--;
    return textline_delete(t);
}

bool textline_clear(struct textline *t)
{
    bool had = t->n > 0;
    t->n = t->cur = t->left = 0;
    return had;
}

void textline_move(struct textline *t, long by)
{
    long to = (long)t->cur + by;
    t->cur = to < 0 ? 0 : (size_t)to > t->n ? t->n : (size_t)to;
}

void textline_home(struct textline *t)
{
    t->cur = 0;
}

void textline_end(struct textline *t)
{
    t->cur = t->n;
}

/* True when a window starting at `left` shows the cursor's cell whole: the left mark, the
 * text up to the cursor, the cursor's character (or one free cell at the end) and a column
 * kept for the right mark when text follows. */
static bool cursor_fits(const struct textline *t, size_t left, int cols)
{
    int need = (left > 0) + cols_of(t, left, t->cur);
    need += t->cur < t->n ? char_cols(t->s[t->cur]) : 1;
    need += t->cur + 1 < t->n;
    return need <= cols;
}

/* The first character shown: no further right than needed for the cursor, and no further
 * right than the end of the text allows (no blank tail while text is hidden on the left). */
static void place_window(struct textline *t, int cols)
{
    if (t->left > t->cur)
        t->left = t->cur;
    while (t->left < t->cur && !cursor_fits(t, t->left, cols))
        t->left++;
    while (t->left > 0 && (t->left - 1 > 0) + cols_of(t, t->left - 1, t->n) + 1 <= cols)
        t->left--;
}

void textline_view(struct textline *t, int cols, char *out, size_t outsz, int *curcol)
{
    place_window(t, cols);
    size_t o = 0;
    int used = 0;
    if (t->left > 0 && o + 1 < outsz)
        out[o++] = '<', used++;
    bool all = used + cols_of(t, t->left, t->n) <= cols;
    int room = all ? cols : cols - 1;
    size_t k = t->left;
    for (; k < t->n && used + char_cols(t->s[k]) <= room; k++) {
        char mb[MB_LEN_MAX];
        wchar_t c = wcwidth(t->s[k]) < 1 ? L'?' : t->s[k];
        size_t m = wctomb(mb, c);
        if (m == (size_t)-1 || o + m + 1 >= outsz)
            break;
        memcpy(out + o, mb, m);
        o += m;
        used += char_cols(t->s[k]);
    }
    while (used < room && o + 1 < outsz) /* a wide character that did not fit leaves a gap */
        out[o++] = ' ', used++;
    if (k < t->n && o + 1 < outsz)
        out[o++] = '>';
    out[o] = '\0';
    *curcol = (t->left > 0) + cols_of(t, t->left, t->cur);
}
