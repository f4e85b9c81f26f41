/* The audit log's row values (flat JSON objects written by the store's triggers) in the
 * operators' words: field labels in Chinese, and for an update only what changed. Pure C. */
#ifndef KAOPING_MODEL_AUDIT_TEXT_H
#define KAOPING_MODEL_AUDIT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The value of `key` in a flat JSON object: strings unescaped, numbers as written, null as
 * "". False when the key is absent or the text is not such an object. */
bool audit_value(const char *json, const char *key, char *out, size_t outsz);

/* The Chinese label of a column of an audited table ("score" of appraisal: 公众评议得分),
 * or the column name itself when it has none. */
const char *audit_label(const char *table, const char *column);

/* One line for a change: an insert or delete lists "标签 值" pairs of the row, an update
 * only the changed fields as "标签 旧→新" (空 for a null value). Cut to outsz. */
void audit_describe(const char *table, const char *old_json, const char *new_json, char *out,
                    size_t outsz);

#endif
