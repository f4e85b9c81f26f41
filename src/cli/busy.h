/* The line a bulk command shows on a terminal while it waits for another program. */
#ifndef KAOPING_CLI_BUSY_H
#define KAOPING_CLI_BUSY_H

#include <stdbool.h>

/* A store_wait_fn: on a terminal (stderr), one line rewritten each second saying what the
 * command waits for; cleared when the wait ends. Nothing when stderr is not a terminal. */
void cli_busy_notice(void *ctx, int waited_s, int limit_s, bool done);

#endif
