/* Shared between the .xlsx reader's two files (xlsx_book.c: archive, workbook, styles,
 * shared strings; xlsx_read.c: the sheet, streamed). Not for use outside src/io/xlsx_*. */
#ifndef KAOPING_IO_XLSX_INTERNAL_H
#define KAOPING_IO_XLSX_INTERNAL_H

#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

/* Caps on what a part may expand to: a zip bomb is refused before it fills memory or disk.
 * The sheet is streamed, so its cap only bounds time (a 200,000-row ledger is about 60 MB). */
#define XLSX_CAP_SHEET (2048UL * 1024 * 1024)
#define XLSX_CAP_STRINGS (256UL * 1024 * 1024)
#define XLSX_CAP_SMALL (32UL * 1024 * 1024) /* workbook, rels, styles */
#define XLSX_CAP_CELL (1024UL * 1024)       /* one cell's text (Excel's limit is 32,767 chars) */

/* Every expat handler context starts with this, so a handler can stop the parse with a
 * message and the stream reports it. */
struct xml_ctx {
    XML_Parser p;
    bool bad;
    char msg[300];
};
void xml_fail(struct xml_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The local part of a namespaced name ("uri|c" -> "c"). */
const char *xml_local(const char *name);
/* The value of attribute `local` (any namespace), or NULL. */
const char *xml_attr(const char **atts, const char *local);

/* A growable text buffer for character data. */
struct xml_text {
    char *s;
    size_t len, cap;
    bool on; /* collecting */
};
void xml_text_add(struct xml_ctx *c, struct xml_text *t, const char *s, int len);
void xml_text_reset(struct xml_text *t);

/* One zip entry fed to expat in chunks. */
struct xml_stream {
    zip_file_t *zf;
    XML_Parser p;
    struct xml_ctx *ctx;
    const char *part;
    unsigned long cap, total;
    bool done;
};
bool xml_stream_open(struct xml_stream *s, zip_t *z, const char *part, unsigned long cap,
                     struct xml_ctx *ctx, XML_StartElementHandler start,
                     XML_EndElementHandler end, XML_CharacterDataHandler text, char *err,
                     size_t errsz);
/* Feeds one chunk: 1 more to come, 0 finished, -1 error (in err). */
int xml_stream_step(struct xml_stream *s, char *err, size_t errsz);
void xml_stream_close(struct xml_stream *s);

/* How a cell style shows numbers. */
enum xlsx_fmt { FMT_PLAIN, FMT_DATE, FMT_TIME, FMT_DATETIME, FMT_PERCENT };

struct xlsx_book {
    zip_t *zip;
    bool date1904;
    char **names, **targets; /* sheets in workbook order; targets as zip entry names */
    size_t n_sheets;
    char *strings;           /* shared strings, NUL-separated */
    size_t *string_at;       /* offset of each */
    size_t n_strings;
    unsigned char *xf;       /* enum xlsx_fmt per cellXfs index */
    size_t n_xf;
};
bool xlsx_book_open(struct xlsx_book *b, const char *path, char *err, size_t errsz);
void xlsx_book_close(struct xlsx_book *b);

/* Number rendering by format; false when the value cannot be a date. */
bool xlsx_render_number(const struct xlsx_book *b, double v, enum xlsx_fmt f, char out[48]);

#endif
