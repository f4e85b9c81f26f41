/* Editing the year's pools and categories from 考核组与类别 (docs/tui.md): each action asks
 * with a prompt, then writes one transaction through db/pools.h and db/categories.h, with the
 * same rules and messages as `kaoping pool` and `kaoping category`. */
#ifndef KAOPING_UI_STRUCTURE_EDIT_H
#define KAOPING_UI_STRUCTURE_EDIT_H

#include <stddef.h>

/* What the cursor is on: a pool (category NULL) or one of its categories. `reload` runs after
 * a write so the screen shows the new structure. */
struct structure_pick {
    const char *pool;
    const char *category;
    double points;
};
void structure_edit_init(void (*reload)(void), struct structure_pick (*pick)(void),
                         char **(*pools)(size_t *n));

int structure_add_pool(void);
int structure_rename(void);
int structure_retire_pool(void);
int structure_move_up(void);
int structure_move_down(void);
int structure_add_category(void);
int structure_set_points(void);
int structure_delete_category(void);

#endif
