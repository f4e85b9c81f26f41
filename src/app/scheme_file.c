/* Presets by name or file, and a year's structure as a preset (docs/scheme.md). */
#include "app/scheme_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/pools.h"
#include "db/sources.h"
#include "db/years.h"
#include "io/infile.h"
#include "model/xmalloc.h"

/* A preset file is far smaller than this; the cap only stops a wrong path (a database). */
#define PRESET_FILE_MAX ((size_t)1024 * 1024)

bool app_preset_is_file(const char *spec)
{
    size_t n = strlen(spec);
    return strchr(spec, '/') || (n > 7 && strcmp(spec + n - 7, ".scheme") == 0);
}

bool app_preset_open(const char *spec, struct preset *out, char *err, size_t errsz)
{
    if (!app_preset_is_file(spec)) {
        if (preset_builtin_load(spec, out))
            return true;
        snprintf(err, errsz, "未知的方案预设 %s (可用: %s; 或给出 .scheme 文件的路径)", spec,
                 preset_builtin_names());
        return false;
    }
    char *text;
    size_t len;
    if (!infile_read(spec, PRESET_FILE_MAX, &text, &len, err, errsz))
        return false;
    bool ok = preset_parse(text, len, infile_name(spec), out, err, errsz);
    free(text);
    return ok;
}

static void add_categories(struct preset *p, const struct category *c, size_t n)
{
    p->categories = xreallocarray(NULL, n ? n : 1, sizeof *p->categories);
    for (size_t i = 0; i < n; i++)
        p->categories[i] =
            (struct preset_category){xstrdup(c[i].pool), xstrdup(c[i].name), c[i].points, 0};
    p->n_categories = n;
}

int app_preset_of_year(struct store *st, int year, struct preset *out)
{
    memset(out, 0, sizeof *out);
    struct category *cats = NULL;
    size_t n = 0;
    int rc = store_scheme_get(st, year, &out->scheme);
    if (rc == STORE_OK)
        rc = store_year_pools(st, year, &out->pools, &out->n_pools);
    if (rc == STORE_OK)
        rc = store_categories(st, year, &cats, &n);
    if (rc == STORE_OK)
        rc = store_sources_get(st, year, &out->sources, &out->n_sources);
    if (rc != STORE_OK) {
        preset_free(out);
        return rc;
    }
    add_categories(out, cats, n);
    store_free_categories(cats, n);
    struct preset shipped;
    if (preset_builtin_load(out->scheme.preset, &shipped)) {
        out->title = xstrdup(shipped.title);
        preset_free(&shipped);
    } else {
        out->title = xstrdup(out->scheme.preset);
    }
    return STORE_OK;
}
