/* The command-line front end: global options, the command table, shared helpers. */
#ifndef KAOPING_CLI_CLI_H
#define KAOPING_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "io/outfile.h"

struct store;

/* Exit codes of every command. */
enum {
    EXIT_OK = 0,
    EXIT_RUNTIME = 1, /* database or I/O error */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_DATA = 3,    /* invalid input data; nothing was written */
};

struct cli_ctx {
    char *db_path;        /* resolved path of the database */
    char *operator_name;  /* --operator, $KAOPING_OPERATOR or the login name */
    struct store *store;  /* opened on first use by cli_store() */
    bool force;           /* the command's --force: an existing output file may be replaced */
    bool may_create;      /* the command creates a missing database file (demo, import) */
};

struct cli_command {
    const char *name;
    const char *summary; /* one line for `kaoping --help` */
    const char *usage;   /* full text for `kaoping NAME --help` */
    /* argv[0] is the command name; options follow. Returns an exit code. */
    int (*run)(struct cli_ctx *ctx, int argc, char **argv);
    /* Creates the database when the file does not exist; every other command refuses a
     * missing file (a mistyped --db must not leave an empty database behind). */
    bool creates;
};

/* The text of `kaoping --help` before the command list (the man page is built from it too). */
extern const char cli_global_usage[];

/* The workstation a bare `kaoping` opens, given by main: the two faces do not know each
 * other (docs/architecture.md), so the command line gets the TUI as a function pointer. */
typedef int (*cli_workstation_fn)(const char *db_path, const char *operator_name);

int cli_main(int argc, char **argv, cli_workstation_fn workstation);

/* The open store, or NULL after printing why (caller returns EXIT_RUNTIME). A missing file
 * is refused unless ctx->may_create. */
struct store *cli_store(struct cli_ctx *ctx);
/* *year, or the newest year when it is 0: EXIT_OK, or EXIT_DATA (message printed) when the
 * database has no year yet. */
int cli_default_year(struct store *st, int *year);
/* cli_store, then cli_default_year: EXIT_OK with *st open and *year set, or the exit code
 * (message printed). */
int cli_store_year(struct cli_ctx *ctx, struct store **st, int *year);

/* The exit code of a failed store call: bad data or a missing record are the operator's
 * input (EXIT_DATA), anything else a runtime error. */
int cli_store_exit(int rc);
/* Prints "kaoping: message" to stderr and returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints a usage error plus a hint to run --help; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Argument parsers: false (after printing a usage error) when invalid. */
bool cli_parse_year(const char *command, const char *s, int *year);
bool cli_parse_int(const char *command, const char *what, const char *s, int lo, int hi, int *out);
/* Resets getopt so a command can parse its own options from argv[1..]. getopt itself stays
 * silent (its messages are English and a second line): when getopt_long returns '?', return
 * cli_option_error(), which names the option in one usage line. */
void cli_getopt_reset(void);
int cli_option_error(const char *command, char **argv);

/* An output file through io/outfile.h, or stdout for NULL or "-": never the database (or its
 * -wal/-shm/-journal), an existing file only with ctx->force, never half-written. Both print
 * why they fail and return an exit code (EXIT_USAGE for a refused destination). */
struct cli_output {
    FILE *fp;
    struct outfile file;
};
/* A consistent copy of the open database written to dest through the one file writer
 * (io/outfile.h: refuses the database itself and an existing dest without --force, 0600 temp
 * file, synced, renamed, stale -wal/-journal removed). `prepare` (may be NULL) runs on the
 * temp copy before it is renamed into place and fills err on failure. Used by backup and
 * field checkout. Returns an exit code; on failure the message is printed. */
typedef int (*cli_copy_prepare_fn)(struct store *st, const char *copy_path, void *arg,
                                   char *err, size_t errsz);
int cli_copy_database(struct cli_ctx *ctx, struct store *st, const char *dest,
                      cli_copy_prepare_fn prepare, void *arg);
int cli_output_open(struct cli_output *out, const struct cli_ctx *ctx, const char *path);
/* ok false: the caller gave up (and said why); the file is not written. */
int cli_output_close(struct cli_output *out, bool ok);

/* Today's date (YYYY-MM-DD, local time) unless overridden by a --today value. */
void cli_today(char out[11], const char *override_date);

#endif
