/* The waiting line of bulk commands (import, demo): an operator who started an import while a
 * colleague's import runs sees why nothing happens, and for how long it will wait. */
#include "cli/busy.h"

#include <stdio.h>
#include <unistd.h>

void cli_busy_notice(void *ctx, int waited_s, int limit_s, bool done)
{
    (void)ctx;
    if (!isatty(STDERR_FILENO))
        return;
    if (done)
        fputs("\r\033[K", stderr);
    else
        fprintf(stderr, "\r\033[K数据库正被其他程序写入, 等它完成… 已等 %d 秒 (最多 %d 秒)",
                waited_s, limit_s);
    fflush(stderr);
}
