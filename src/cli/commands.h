/* The table of subcommands; each lives in its own cmd_*.c file. */
#ifndef KAOPING_CLI_COMMANDS_H
#define KAOPING_CLI_COMMANDS_H

#include <stddef.h>

#include "cli/cli.h"

extern const struct cli_command cmd_demo;
extern const struct cli_command cmd_check;
extern const struct cli_command cmd_report;
extern const struct cli_command cmd_backup;
extern const struct cli_command cmd_field;
extern const struct cli_command cmd_year;
extern const struct cli_command cmd_unit;
extern const struct cli_command cmd_lock;
extern const struct cli_command cmd_unlock;
extern const struct cli_command cmd_audit;
extern const struct cli_command cmd_monitor;
extern const struct cli_command cmd_rectify;

extern const struct cli_command cmd_rank;
extern const struct cli_command cmd_explain;
extern const struct cli_command cmd_scheme;
extern const struct cli_command cmd_targets;
extern const struct cli_command cmd_publish;
extern const struct cli_command cmd_category;
extern const struct cli_command cmd_pool;
extern const struct cli_command cmd_source;
extern const struct cli_command cmd_import;
extern const struct cli_command cmd_export;

extern const struct cli_command *const cli_commands[];
extern const size_t cli_command_count;

const struct cli_command *cli_find_command(const char *name);

#endif
