/* Entry point of the ncurses workstation. */
#ifndef KAOPING_UI_UI_H
#define KAOPING_UI_UI_H

/* Opens the database and runs the TUI until the user quits. Refuses (exit 2, one line on
 * stderr) when the locale is not UTF-8. Returns a process exit code. */
int ui_run(const char *db_path, const char *operator_name);

#endif
