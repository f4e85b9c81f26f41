/* Declarative entry forms (format: docs/forms.md): built into the binary from assets/forms, or
 * loaded at run time from a folder that overrides them; and the validation of a typed value
 * against its field. No curses here. */
#ifndef KAOPING_UI_FORMSPEC_H
#define KAOPING_UI_FORMSPEC_H

#include <stdbool.h>
#include <stddef.h>

enum fs_type { FS_TEXT, FS_INTEGER, FS_DECIMAL, FS_DATE, FS_CHOICE };

struct fs_field {
    char *name;
    char *label;
    enum fs_type type;
    int width; /* screen columns of the input */
    bool required;
    bool has_min, has_max;
    double min, max;
    bool min_exclusive; /* min written as `above=`: the value must be greater */
    char *source;       /* choice fields: where the options come from */
    /* The model's bound of this value (model/limits.h), set from the form and field name:
     * enum limit_num for numbers, enum limit_text for text. */
    bool has_limit;
    int limit;
};

struct fs_form {
    char *name; /* file name without .form */
    char *title;
    struct fs_field *fields;
    size_t n_fields;
};

struct fs_set {
    char *dir;
    struct fs_form *forms;
    size_t n_forms;
};

/* The choice sources a form may name. */
extern const char *const formspec_sources[];
extern const size_t formspec_source_count;

/* A form's name (file name without .form) and its text. formspec_builtin[] holds every
 * form file of assets/forms, generated at build time by cmake/embed_assets.cmake. */
struct formspec_text {
    const char *name, *text;
};
extern const struct formspec_text formspec_builtin[];
extern const size_t formspec_builtin_count;
/* What the built-in set is called in messages, in place of a folder. */
#define FORMSPEC_BUILTIN_DIR "(内置表单)"

/* The forms the screens use: the fields each needs and may have (space-separated names). */
struct formspec_use {
    const char *form, *needed, *optional;
};
extern const struct formspec_use formspec_uses[];
extern const size_t formspec_use_count;

/* Parses one form file; on error returns -1 with "FILE 第 N 行: reason" in err. */
int formspec_parse(const char *path, const char *name, struct fs_form *out, char *err,
                   size_t errsz);
/* The same for a form's text in memory; path names it in messages. */
int formspec_parse_text(const char *text, const char *path, const char *name,
                        struct fs_form *out, char *err, size_t errsz);
/* Loads every *.form of dir and checks that the forms and fields the screens use exist. */
int formspec_load_dir(const char *dir, struct fs_set *out, char *err, size_t errsz);
/* The same checks on the built-in forms. */
int formspec_load_builtin(struct fs_set *out, char *err, size_t errsz);
/* The folder named by $KAOPING_FORMS (set by --forms) when set, else the built-in forms. */
int formspec_load_default(struct fs_set *out, char *err, size_t errsz);
void formspec_free(struct fs_set *set);
void formspec_free_form(struct fs_form *f);

const struct fs_form *formspec_get(const struct fs_set *set, const char *name);
/* True for free text and names (model limits LIMIT_FREE, LIMIT_NAME): the field scrolls and
 * holds up to the model's length; other text (codes) holds what its width shows. */
bool formspec_scrolls(const struct fs_field *f);
/* Index of the field, or -1. */
int formspec_field_index(const struct fs_form *f, const char *name);

/* Checks a typed value (already trimmed); on refusal writes a short message (Chinese). */
bool formspec_check(const struct fs_field *f, const char *value, char *msg, size_t msgsz);
/* True when c may be typed into a field of this type (letters in a number are refused). */
bool formspec_char_ok(const struct fs_field *f, int c);

#endif
