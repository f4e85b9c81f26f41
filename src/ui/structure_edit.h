/* Editing the year's pools and categories from 考核组与类别 (docs/tui.md): each action asks
 * with a prompt, then writes one transaction through db/pools.h and db/categories.h, with the
 * same rules and messages as `kaoping pool` and `kaoping category`. */
#ifndef KAOPING_UI_STRUCTURE_EDIT_H
#define KAOPING_UI_STRUCTURE_EDIT_H

#include <stddef.h>

/* What the cursor is on: a pool (category NULL) or one of its categories. `reload` runs after
 * a write so the screen shows the new structure, with the cursor on the row of `pool` and
 * `category` (the pool's heading when category is NULL; where it was when pool is NULL). */
struct structure_pick {
    const char *pool;
    const char *category;
    double points;
};
/* The screen's functions; each gets the screen's state, as the actions below do (key actions:
 * self is the state of the screen 考核组与类别). */
void structure_edit_init(void (*reload)(void *self, const char *pool, const char *category),
                         struct structure_pick (*pick)(void *self),
                         char **(*pools)(void *self, size_t *n));

int structure_add_pool(void *self);
int structure_rename(void *self);
int structure_retire_pool(void *self);
int structure_move_up(void *self);
int structure_move_down(void *self);
int structure_add_category(void *self);
int structure_set_points(void *self);
int structure_delete_category(void *self);

#endif
