/* The command table: order here is the order of `kaoping --help`. */
#include <string.h>

#include "cli/commands.h"

const struct cli_command *const cli_commands[] = {
    /* data in and out */
    &cmd_import,
    &cmd_export,
    /* results */
    &cmd_rank,
    &cmd_explain,
    &cmd_monitor,
    &cmd_rectify,
    &cmd_report,
    /* the year */
    &cmd_targets,
    &cmd_publish,
    &cmd_scheme,
    &cmd_pool,
    &cmd_category,
    &cmd_source,
    &cmd_year,
    &cmd_unit,
    &cmd_lock,
    &cmd_unlock,
    &cmd_audit,
    /* the file */
    &cmd_check,
    &cmd_backup,
    &cmd_field,
    &cmd_demo,
};
const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];

const struct cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; i < cli_command_count; i++)
        if (strcmp(cli_commands[i]->name, name) == 0)
            return cli_commands[i];
    return NULL;
}
