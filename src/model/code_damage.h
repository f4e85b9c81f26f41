/* Codes a spreadsheet took for numbers or dates: 001 saved back as 1, 0101 as 101, 1.10 as
 * 1.1, an 18-digit code as 1.23456789012346E+17, 2-1 as 26年2月1日. An import compares a code
 * that does not exist with the stored ones through this, and refuses the damaged one instead
 * of creating a ghost unit or item (docs/xlsx.md, "Codes that survive spreadsheets"). Pure. */
#ifndef KAOPING_MODEL_CODE_DAMAGE_H
#define KAOPING_MODEL_CODE_DAMAGE_H

#include <stdbool.h>

enum code_damage {
    DAMAGE_NONE,
    DAMAGE_ZEROS,      /* leading zeros dropped: 001 -> 1 */
    DAMAGE_DOT_ZERO,   /* a number written back with ".0": 101 -> 101.0 (and 001 -> 1.0) */
    DAMAGE_DECIMAL,    /* trailing zeros of a decimal dropped: 1.10 -> 1.1 */
    DAMAGE_SCIENTIFIC, /* a long number shown in scientific notation: 1.23456789012346E+17 */
    DAMAGE_DATE,       /* month-day read as a date: 2-1 -> 26年2月1日, 3/4 -> 03/04/26 */
};

/* What would have turned `stored` into `read` (DAMAGE_NONE when nothing would, or when the
 * two are equal). */
enum code_damage code_damage_of(const char *read, const char *stored);
/* read is a number in scientific notation (1.23E+17, 6.52325E+11): no code is written so. */
bool code_looks_scientific(const char *read);
/* For messages: "开头的 0 被去掉了" and so on. */
const char *code_damage_text(enum code_damage d);

/* How to keep codes as text, for the messages of a refused import. */
#define CODE_TEXT_HINT                                                                             \
    "请把编码列设为文本后重新保存: Excel/WPS 选中该列 → 设置单元格格式 → 文本, 再重新输入"       \
    "编码; LibreOffice 打开 CSV 时在导入对话框中把该列的列类型设为「文本」; 或者直接使用 "        \
    "kaoping export 导出的 .xlsx 工作簿"

#endif
