/* Scheme presets as data files (docs/scheme.md): parsing a preset's text into the scheme's
 * numbers, the pools and each pool's categories, and writing a year's structure back as such
 * a text. The shipped presets (assets/schemes/NAME.scheme) are compiled into the binary. Pure:
 * the caller reads and writes files. */
#ifndef KAOPING_MODEL_PRESET_H
#define KAOPING_MODEL_PRESET_H

#include <stdbool.h>
#include <stddef.h>

#include "model/types.h"

/* One category line of a [categories POOL] section; pool NULL for the plain [categories]
 * section, which applies to every pool without its own section. */
struct preset_category {
    char *pool;
    char *name;
    double points;
    int line;   /* where the file gave it (messages); 0 when not read from a file */
};

struct preset {
    char *title;                    /* the title = line; never NULL after a parse */
    struct scheme scheme;           /* scheme.preset is the name = line */
    char **pools;                   /* [pools], in rank order */
    size_t n_pools;
    struct preset_category *categories; /* in file order */
    size_t n_categories;
    struct score_source *sources;   /* [source NAME] sections, in file order */
    size_t n_sources;
};

/* A compiled-in preset file: its name (file name without .scheme) and text. */
struct preset_text {
    const char *name, *text;
};
extern const struct preset_text preset_builtin[];
extern const size_t preset_builtin_count;

/* Categories of one pool, at most (a county's plan has a handful). */
#define PRESET_MAX_CATEGORIES 64

/* The preset a first year starts from. */
#define PRESET_DEFAULT "qitai"

/* Parses text (len bytes) into out. `file` names the text in messages ("qitai.scheme",
 * a path). On failure writes "FILE:LINE: 字段 KEY: why" (or FILE: why for whole-file
 * problems) to err, leaves out empty and returns false. */
bool preset_parse(const char *text, size_t len, const char *file, struct preset *out, char *err,
                  size_t errsz);
/* Parses the compiled-in preset `name`; false when there is none. */
bool preset_builtin_load(const char *name, struct preset *out);
/* The names of the compiled-in presets, comma separated, for messages. */
const char *preset_builtin_names(void);
void preset_free(struct preset *p);
/* The shipped preset after `cur` in the order the workstation cycles through them: the
 * default first, then the others by name (qitai, beijing, hangzhou, zhengding). */
const char *preset_builtin_next(const char *cur);

/* Categories of `pool`: its own section's if it has one, else the plain section's. Returns the
 * count written to out (at most max). */
size_t preset_categories_of(const struct preset *p, const char *pool,
                            const struct preset_category **out, size_t max);

/* A preset text for p (every pool with its own [categories POOL] section), newly allocated. */
char *preset_format(const struct preset *p);

#endif
