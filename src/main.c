/* kaoping: county performance-assessment workstation. Sets the locale, then hands over to the
 * command line, which opens the workstation (ui_run) when no command is given. */
#include <locale.h>

#include "cli/cli.h"
#include "ui/ui.h"

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    return cli_main(argc, argv, ui_run);
}
