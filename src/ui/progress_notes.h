/* 偏差原因, 整改措施 and the decision on a warned item (处置决定: 继续 / 调整 / 暂缓 / 停止, dated
 * today) — 双监控 corrections, issue 15 item 5 — of one item and quarter, typed from 季度进度
 * and 双监控 (`r`, `c`, `j`) and saved at once in their own transaction, so the grid's unsaved numbers
 * stay as they are. */
#ifndef KAOPING_UI_PROGRESS_NOTES_H
#define KAOPING_UI_PROGRESS_NOTES_H

#include <stdbool.h>

#include "model/types.h"

enum progress_note { NOTE_DEVIATION, NOTE_ACTION, NOTE_DECISION };

/* Asks for the text of the item's quarter (prefilled with the stored one); on an answer writes
 * it with the stored numbers of that quarter and updates it->q in place. A decision is typed
 * as its word or its number (1 继续, 2 调整, 3 暂缓, 4 停止; empty clears it); another answer is
 * refused, naming the four. Refused (status line)
 * when the year is locked or the quarter has no saved progress yet. */
void progress_note_edit(struct target_item *it, const char *unit, int year, int quarter,
                        bool locked, enum progress_note which);

#endif
