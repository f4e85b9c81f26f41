/* How the monitoring engine's levels look on screen: short words (readable without colour)
 * and their colour roles. The rules themselves live in model/monitor.h. */
#ifndef KAOPING_UI_LEVELS_H
#define KAOPING_UI_LEVELS_H

#include <stdbool.h>

#include "model/monitor.h"
#include "ui/draw.h"

/* Evaluates an item at a quarter with the typed row instead of the stored one. */
void levels_eval(const struct scheme *sc, const struct target_item *it, int quarter,
                 const struct quarter_progress *typed, struct monitor_row *out);
/* "正常", "未填报", "!黄色", "!!红色", with " 不匹配" appended when flagged. */
const char *levels_text(const struct monitor_row *r);
enum ui_role levels_role(const struct monitor_row *r);

#endif
