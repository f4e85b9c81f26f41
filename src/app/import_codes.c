/* Codes a spreadsheet damaged (model/code_damage.h), caught before anything is written: a code
 * of the file that is not stored but is a stored one with its leading zeros dropped, a .0
 * added, shown in scientific notation or as a date is refused naming the stored code it
 * probably was, and so is a new unit named like a stored one. Without this such a file creates
 * ghost units and items with exit 0 (issue 13; docs/xlsx.md). */
#include <stdio.h>
#include <string.h>

#include "app/import_checker.h"
#include "model/code_damage.h"

/* Each damaged code is one error; how to keep codes as text is said once, after them. */
static void tell_hint(struct checker *c)
{
    if (!c->damage_told)
        import_warning(c->probs, 0, NULL, "编码被电子表格改坏了: %s", CODE_TEXT_HINT);
    c->damage_told = true;
}

static bool scientific(struct checker *c, long line, const char *column, const char *code)
{
    if (!code_looks_scientific(code))
        return false;
    import_error(c->probs, line, column,
                 "编码「%s」是电子表格以科学计数法显示的数字, 原来的编码后几位已丢失; 未导入",
                 code);
    tell_hint(c);
    return true;
}

bool checker_damaged_unit(struct checker *c, long line, const char *column, const char *code)
{
    for (size_t i = 0; i < c->n_units; i++) {
        enum code_damage d = code_damage_of(code, c->units[i].code);
        if (d == DAMAGE_NONE)
            continue;
        import_error(c->probs, line, column,
                     "单位编码「%s」不存在, 像是「%s」(%s) 的编码被电子表格改坏了 (%s); 未导入",
                     code, c->units[i].code, c->units[i].name, code_damage_text(d));
        tell_hint(c);
        return true;
    }
    return scientific(c, line, column, code);
}

void checker_new_unit(struct checker *c, const struct import_row *r, const char *code_column,
                      const char *name_column)
{
    if (checker_damaged_unit(c, r->line, code_column, r->unit))
        return;
    for (size_t i = 0; i < c->n_units; i++)
        if (strcmp(c->units[i].name, r->v.unit.name) == 0) {
            import_error(c->probs, r->line, name_column,
                         "新单位「%s」与已有单位「%s」同名; 如是同一单位, 请用编码「%s」", r->unit,
                         c->units[i].code, c->units[i].code);
            return;
        }
}

bool checker_damaged_item(struct checker *c, const struct import_row *r, const char *column,
                          const struct year_data *yd, const char *item)
{
    for (size_t i = 0; i < yd->n_items; i++) {
        const struct target_item *it = &yd->items[i];
        if (strcmp(yd->units[it->unit_index].code, r->unit) != 0)
            continue;
        enum code_damage d = code_damage_of(item, it->code);
        if (d == DAMAGE_NONE)
            continue;
        import_error(c->probs, r->line, column,
                     "%d 年度单位 %s 没有指标「%s」, 像是「%s」(%s) 的编码被电子表格改坏了 (%s); "
                     "未导入",
                     r->year, r->unit, item, it->code, it->name, code_damage_text(d));
        tell_hint(c);
        return true;
    }
    return scientific(c, r->line, column, item);
}
