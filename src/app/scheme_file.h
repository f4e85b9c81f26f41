/* A year's scheme as a preset (model/preset.h): reading a preset by name or from a file, and
 * the structure of a year in the store (scheme numbers, pools, categories) as one, for
 * `kaoping scheme show|save|use` and the workstation (docs/scheme.md). */
#ifndef KAOPING_APP_SCHEME_FILE_H
#define KAOPING_APP_SCHEME_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "db/store.h"
#include "model/preset.h"

/* `spec` is a shipped preset's name (qitai, beijing, zhengding, hangzhou) or the path of a
 * preset file (anything with a '/' or ending in .scheme). On failure err names the file and
 * line (preset_parse) or says the name is unknown. */
bool app_preset_open(const char *spec, struct preset *out, char *err, size_t errsz);
/* True when spec names a file rather than a shipped preset. */
bool app_preset_is_file(const char *spec);

/* The year's structure as a preset: its scheme, the pools in rank order and each pool's
 * categories; the title is the shipped preset's when the scheme is named after one. STORE_*
 * with store_errmsg on failure. */
int app_preset_of_year(struct store *st, int year, struct preset *out);

#endif
