/* The home menu: one row per screen reachable from home (hotkey = one key from home). */
#include "ui/screens.h"


const struct ui_menu_entry ui_menu[] = {
    {'1', "单位管理", "单位管理: 按分组列出单位, 新增/修改/删除", &screen_units, NULL},
};
const size_t ui_menu_count = sizeof ui_menu / sizeof ui_menu[0];
