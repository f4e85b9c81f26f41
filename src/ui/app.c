/* Placeholder workstation: the real screens come with the TUI issue. */
#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

#include "db/store.h"
#include "ui/ui.h"

int ui_run(const char *db_path, const char *operator_name)
{
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
        fputs("kaoping: 终端界面需要 UTF-8 语言环境 (例如 LANG=C.UTF-8)\n", stderr);
        return 2;
    }
    char err[512];
    struct store *st = store_open(db_path, operator_name, err, sizeof err);
    if (!st) {
        fprintf(stderr, "kaoping: %s\n", err);
        return 1;
    }
    initscr();
    raw();
    noecho();
    mvprintw(0, 0, "kaoping 考评工作站  数据库: %s", db_path);
    mvprintw(2, 0, "按 q 退出");
    refresh();
    wint_t ch;
    while (get_wch(&ch) != ERR && ch != 'q')
        ;
    endwin();
    store_close(st);
    return 0;
}
