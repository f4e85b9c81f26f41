/* Header mapping and row validation of the five kinds, without a database. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/kinds.h"
#include "io/import_rows.h"
#include "model/text.h"
#include "model/xmalloc.h"

struct parsed {
    struct csv_table t;
    struct import_batch b;
    struct import_problems p;
    bool ok;
};

static void parse(struct parsed *x, const struct data_kind *kind, const char *text)
{
    char err[512];
    if (!csv_read_buffer(text, strlen(text), &x->t, err, sizeof err))
        fail_msg("csv: %s", err);
    import_problems_init(&x->p, "f.csv");
    x->ok = import_parse(kind, &x->t, &x->b, &x->p);
}

static void done(struct parsed *x)
{
    import_batch_free(&x->b);
    import_problems_free(&x->p);
    csv_table_free(&x->t);
}

static void has_error(const struct parsed *x, const char *want)
{
    size_t n = x->p.n_errors < IMPORT_MAX_SHOWN ? x->p.n_errors : IMPORT_MAX_SHOWN;
    for (size_t i = 0; i < n; i++)
        if (strcmp(x->p.errors[i], want) == 0)
            return;
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "  have: %s\n", x->p.errors[i]);
    fail_msg("missing error: %s", want);
}

static void headers_aliases_and_order(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("appraisals"), "SATISFACTION,Unit,score,年度\n55%,D01,86.4,2025\n");
    assert_true(x.ok);
    assert_int_equal(x.b.n, 1);
    assert_string_equal(x.b.rows[0].unit, "D01");
    assert_int_equal(x.b.rows[0].year, 2025);
    assert_true(x.b.rows[0].v.appraisal.score == 86.4);
    assert_true(x.b.rows[0].v.appraisal.has_satisfaction);
    assert_true(x.b.rows[0].v.appraisal.satisfaction == 55);
    assert_string_equal(import_column_label(&x.b, "满意率"), "SATISFACTION");
    assert_true(import_has_column(&x.b, "年度"));
    done(&x);
}

static void header_problems(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("units"), "单位编码,名称,分组,单位编码\nD01,x,乡镇,D01\n");
    assert_false(x.ok);
    has_error(&x, "f.csv:1: 列 名称: 未知的列 (units 文件的列为: "
                  "单位编码、单位名称、分组、上级编码、负责人)");
    has_error(&x, "f.csv:1: 列 单位编码: 重复的列 (第 1 列与第 4 列)");
    has_error(&x, "f.csv:1: 列 单位名称: 缺少必需的列 (英文名 name 也可以)");
    assert_int_equal(x.b.n, 0);
    done(&x);
    parse(&x, kind_find("units"), "");
    has_error(&x, "f.csv: 文件是空的 (第一行应为表头)");
    done(&x);
    /* One cell holding the whole line (a workbook with the text pasted into column A; a CSV
     * file is refused for its separator before, by io/csv_read.c). */
    parse(&x, kind_find("units"), "\"单位编码;单位名称;分组\"\n\"D01;x;乡镇\"\n");
    has_error(&x,
              "f.csv:1: 表头只有一列, 其中有分号: 文件不是逗号分隔的; " CSV_SAVE_HINT);
    assert_int_equal(x.p.n_errors, 1);
    done(&x);
    parse(&x, kind_find("units"), "\"单位编码\t单位名称\t分组\"\n\"D01\tx\t乡镇\"\n");
    has_error(&x,
              "f.csv:1: 表头只有一列, 其中有制表符: 文件不是逗号分隔的; " CSV_SAVE_HINT);
    done(&x);
}

static void targets_defaults_and_errors(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("targets"),
          "年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值,计量单位,预算金额,序时进度\n"
          "2025,D01,A11,全局性重点工作,x,30,反向,2,起,,\n"
          "2025,D01,A12,全局性重点工作,x,0,比例,-1,,-3,25/50\n"
          "2025,D01,A13,,,,,,,,\n");
    assert_false(x.ok);
    assert_int_equal(x.b.n, 1);
    const struct target_item *t = &x.b.rows[0].v.target;
    assert_int_equal(t->method, METHOD_INVERSE);
    assert_true(t->budget == 0);
    assert_true(t->schedule[0] == 25 && t->schedule[3] == 100);
    assert_string_equal(t->measure, "起");
    has_error(&x, "f.csv:3: 列 分值: 「0」应大于 0 且不超过 100");
    has_error(&x, "f.csv:3: 列 目标值: 「-1」应在 0 到 1000000000000 之间");
    has_error(&x, "f.csv:3: 列 预算金额: 「-3」应在 0 到 1000000000000 之间");
    has_error(&x, "f.csv:3: 列 序时进度: 「25/50」应为 4 个用 / 分隔的累计百分比, 如 25/50/75/100");
    has_error(&x, "f.csv:4: 列 类别: 不能为空");
    has_error(&x, "f.csv:4: 列 计分方式: 不能为空 (比例、反向或评分)");
    assert_int_equal(x.p.n_errors, 9);
    done(&x);
}

static void progress_rows(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("progress"),
          "年度,单位编码,指标编码,季度,累计完成值,累计支出,评分,备注\n"
          "2025,D01,A11,2,\"1,050.25\",,18,'=1+1\n"
          "2025,D01,A11,0,1,,,\n"
          "2025,D01,A11,2,1,,,\n");
    assert_false(x.ok);
    const struct import_row *r = &x.b.rows[0];
    assert_true(r->v.progress.p.actual == 1050.25);
    assert_false(r->v.progress.p.has_spent);
    assert_true(r->v.progress.p.has_score && r->v.progress.p.score == 18);
    assert_string_equal(r->v.progress.p.note, "=1+1");
    has_error(&x, "f.csv:3: 列 季度: 「0」应为 1 到 4 之间的整数");
    has_error(&x, "f.csv:4: 列 季度: 与第 2 行重复 (同一年度、单位、指标和季度)");
    done(&x);
}

static void ledger_ids(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("ledger"),
          "编号,年度,单位编码,日期,类型,分值,方面,方式,事由\n"
          ",2025,D01,2025-04-16,查访核验,1,作风建设,暗访,脱岗\n"
          "ABCDEF0123456789ABCDEF0123456789,2025,D01,2025-04-16,complaint,0.5,,热线,态度\n"
          "2025-7,2025,D01,2025-04-17,veto,0,计划生育,,否决\n"
          ",2025,D01,2025/4/16,查访核验,1.0,作风建设,暗访,脱岗\n");
    /* Row 5 is row 2 written differently (date form, 1.0): the same content, the same id. */
    assert_false(x.ok);
    has_error(&x, "f.csv:5: 列 编号: 与第 2 行是同一条记录 (编号相同, 或没有编号且内容完全相同); "
                  "如确为两条, 请在 事由 中写明区别");
    assert_int_equal(x.b.n, 4);
    char id[KP_ID_LEN + 1];
    import_ledger_content_id(2025, "D01", &x.b.rows[0].v.ledger, id);
    assert_string_equal(id, x.b.rows[0].v.ledger.id);
    assert_int_equal(strlen(id), 32);
    assert_string_equal(x.b.rows[1].v.ledger.id, "abcdef0123456789abcdef0123456789");
    assert_int_equal(x.b.rows[2].v.ledger.type, LEDGER_VETO);
    assert_int_equal(strlen(x.b.rows[2].v.ledger.id), 32);
    assert_string_not_equal(x.b.rows[2].v.ledger.id, x.b.rows[0].v.ledger.id);
    /* Any field of the content changes the id. */
    struct ledger_entry e = x.b.rows[0].v.ledger;
    e.points = 1.5;
    char other[KP_ID_LEN + 1];
    import_ledger_content_id(2025, "D01", &e, other);
    assert_string_not_equal(other, id);
    import_ledger_content_id(2025, "D02", &x.b.rows[0].v.ledger, other);
    assert_string_not_equal(other, id);
    done(&x);
}

static void ledger_rules(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("ledger"),
          "年度,单位编码,日期,类型,分值,方面,方式,事由\n"
          "2025,D01,2025-04-16,查访核验,1,作风建设,电话,x\n"
          "2025,D01,2025-04-16,一票否决,0.5,,,x\n"
          "2025,D01,2025-04-16,一票否决,,打架,,x\n"
          "2025,D01,2025-04-16,加分,-1,,,x\n"
          "2025,D01,2025-04-16,投诉查处,1,,,\n"
          "2025,D01,2024-12-30,投诉查处,1,,,早\n"
          "2025,D01,2026-01-10,投诉查处,1,,,次年初\n");
    assert_false(x.ok);
    assert_int_equal(x.p.n_warnings, 1);
    assert_string_equal(x.p.warnings[0],
                        "f.csv:7: 列 日期: 提醒: 日期 2024-12-30 不在 2025 年度内, 请确认年度");
    has_error(&x,
              "f.csv:2: 列 方式: 「电话」不是查访核验的方式, 应为: 明察、暗访、查阅资料、现场调查");
    has_error(&x, "f.csv:3: 列 分值: 一票否决不计分值, 请留空或填 0 (现为「0.5」)");
    has_error(&x, "f.csv:4: 列 方面: 「打架」不是一票否决的事项, 应为: "
                  "计划生育、社会治安综合治理、重大安全责任事故、工程质量安全责任事故、其他");
    has_error(&x, "f.csv:5: 列 分值: 「-1」应大于 0 且不超过 100");
    has_error(&x, "f.csv:6: 列 事由: 不能为空");
    assert_int_equal(x.p.n_errors, 5);
    done(&x);
}

static void extra_cells(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("appraisals"),
          "年度,单位编码,公众评议得分,\n2025,D01,80,\n2025,D02,80,x\n2025,D03,1,200\n");
    assert_false(x.ok);
    assert_int_equal(x.b.n, 1);
    has_error(&x, "f.csv:3: 第 4 列没有表头, 却有内容「x」");
    has_error(
        &x,
        "f.csv:4: 第 4 列没有表头, 却有内容「200」; 带千位分隔符的数字须加引号, 如 \"1,200.5\"");
    done(&x);
    parse(&x, kind_find("appraisals"),
          "年度,单位编码,公众评议得分\n2025,D01,80\n2025,D03,1,200\n2025,D04,1,x\n");
    assert_false(x.ok);
    assert_int_equal(x.b.n, 1);
    has_error(&x, "f.csv:3: 这一行有 4 个单元格, 比表头的 3 列多 (第 4 格「200」); "
                  "带千位分隔符的数字须加引号, 如 \"1,200.5\"");
    has_error(&x, "f.csv:4: 这一行有 4 个单元格, 比表头的 3 列多 (第 4 格「x」)");
    done(&x);
}

/* An unquoted 1,200.5 whose row ends in empty cells: every cell after it moved one column to
 * the right and the overflow is an empty cell. Read as it stands it would import 累计完成值 1
 * and 累计支出 200.5, so it is refused, naming the two halves. */
static void shifted_row_with_empty_overflow(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("progress"),
          "年度,单位编码,指标编码,季度,累计完成值,累计支出,评分,备注\n"
          "2025,D01,A11,2,100,1,200,,\n"
          "2025,D01,A11,3,1,200.5,,,\n"
          "2025,D01,A11,4,7,,,x,\n");
    assert_false(x.ok);
    assert_int_equal(x.b.n, 0);
    has_error(&x, "f.csv:2: 这一行有 9 个单元格, 比表头的 8 列多: 第 6、7 格「1」「200」可能是没有"
                  "加引号的数字 1,200, 逗号把它分成了两格, 后面的列都错位了; "
                  "带千位分隔符的数字须加引号, 如 \"1,200.5\"");
    has_error(&x,
              "f.csv:3: 这一行有 9 个单元格, 比表头的 8 列多: 第 5、6 格「1」「200.5」可能是没有"
              "加引号的数字 1,200.5, 逗号把它分成了两格, 后面的列都错位了; "
              "带千位分隔符的数字须加引号, 如 \"1,200.5\"");
    has_error(&x, "f.csv:4: 这一行有 9 个单元格, 比表头的 8 列多 (多出的格是空的): 可能某个单元格"
                  "中的逗号没有加引号, 使后面的列错位; 如只是行尾多了逗号, 请删去");
    has_error(&x, "f.csv:2: 列 评分: 「200」应在 0 到 100 之间"); /* the shifted 评分 */
    assert_int_equal(x.p.n_errors, 4);
    done(&x);
    /* Rows as Excel writes them (padded to a header that has trailing empty cells) are fine. */
    parse(&x, kind_find("appraisals"), "年度,单位编码,公众评议得分,,\n2025,D01,80,,\n2025,D02,\"1,0\",,\n");
    has_error(&x, "f.csv:3: 列 公众评议得分: 「1,0」中的逗号位置有歧义 (千位分隔符应每三位一个, 如 "
                  "1,200.5; 小数点请用 .)");
    assert_int_equal(x.p.n_errors, 1);
    assert_int_equal(x.b.n, 1);
    done(&x);
}

/* "—" (or -, /, －) in a number cell means "no value": empty for an optional column, "must be
 * filled" for a required one; a 一票否决 may carry it as its 分值. */
static void dash_placeholders(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("progress"),
          "年度,单位编码,指标编码,季度,累计完成值,累计支出,评分,备注\n"
          "2025,D01,A11,1,5,—,－,-\n"
          "2025,D01,A11,2,—,/,,\n");
    /* 累计完成值 may be empty in the file (a 评分 item's row with only its score, issue 17
     * item 5); whether the row may lack it is the import check's (it knows the item's method:
     * app/kind_progress.c, tests/cli/progress_rules.sh). */
    assert_true(x.ok);
    assert_int_equal(x.b.n, 2);
    const struct quarter_progress *p = &x.b.rows[0].v.progress.p;
    assert_true(p->actual == 5 && !p->no_actual);
    assert_false(p->has_spent);
    assert_false(p->has_score);
    assert_string_equal(p->note, "-"); /* text stays text */
    assert_true(x.b.rows[1].v.progress.p.no_actual);
    assert_false(x.b.rows[1].v.progress.p.has_spent);
    done(&x);
    parse(&x, kind_find("ledger"),
          "年度,单位编码,日期,类型,分值,事由\n"
          "2025,D01,2025-03-05,一票否决,—,x\n"
          "2025,D01,2025-03-05,投诉查处,—,x\n");
    assert_int_equal(x.b.n, 1);
    assert_true(x.b.rows[0].v.ledger.points == 0);
    has_error(&x, "f.csv:3: 列 分值: 不能为空 (投诉查处 的分值应大于 0)");
    done(&x);
    parse(&x, kind_find("targets"),
          "年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值,预算金额,序时进度\n"
          "2025,D01,A11,全局性重点工作,x,30,比例,2,—,—\n");
    assert_true(x.ok);
    assert_true(x.b.rows[0].v.target.budget == 0);
    assert_true(x.b.rows[0].v.target.schedule[1] == 50);
    done(&x);
}

/* 计分方式 and 类型 in English, in any case (Excel capitalises the first letter it is typed). */
static void english_values_any_case(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("targets"),
          "year,unit,item,category,name,points,method,target\n"
          "2025,D01,A11,全局性重点工作,x,15,Ratio,6\n"
          "2025,D01,A12,全局性重点工作,x,15,INVERSE,6\n");
    assert_true(x.ok);
    assert_int_equal(x.b.rows[0].v.target.method, METHOD_RATIO);
    assert_int_equal(x.b.rows[1].v.target.method, METHOD_INVERSE);
    done(&x);
    parse(&x, kind_find("ledger"),
          "year,unit,date,type,points,reason\n"
          "2025,D01,2025-03-05,Inspection,1,x\n"
          "2025,D01,2025-03-05,VETO,,x\n"
          "2025,D01,2025-03-05,Deduction,1,x\n");
    assert_int_equal(x.b.n, 2);
    assert_int_equal(x.b.rows[0].v.ledger.type, LEDGER_INSPECTION);
    assert_int_equal(x.b.rows[1].v.ledger.type, LEDGER_VETO);
    has_error(&x, "f.csv:4: 列 type: 「Deduction」无效, 应为 查访核验、投诉查处、加分 或 一票否决 "
                  "(inspection、complaint、bonus、veto)");
    done(&x);
}

/* A file with only its header (an emptied sheet) imports nothing and says so. */
static void header_only(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("appraisals"), "\xEF\xBB\xBF年度,单位编码,公众评议得分,满意率\r\n\r\n,,,\r\n");
    assert_true(x.ok);
    assert_int_equal(x.b.n, 0);
    assert_int_equal(x.p.n_warnings, 1);
    assert_string_equal(x.p.warnings[0],
                        "f.csv:1: 提醒: 文件只有表头, 没有数据行, 没有可导入的内容");
    done(&x);
    parse(&x, kind_find("appraisals"), "年度,单位编码,得分\r\n");
    assert_false(x.ok);
    has_error(
        &x,
        "f.csv:1: 列 得分: 未知的列 (appraisals 文件的列为: 年度、单位编码、公众评议得分、满意率)");
    done(&x);
}

static void codes_are_checked(void **state)
{
    (void)state;
    struct parsed x;
    parse(&x, kind_find("units"),
          "code,name,pool,parent\n"
          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456,x,乡镇,\n"
          "D01,x,乡镇,D01\n");
    has_error(&x, "f.csv:2: 列 code: 「ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456」太长 (编码最多 31 "
                  "个字节, 现有 33 个)");
    has_error(&x, "f.csv:3: 列 parent: 单位不能是自己的上级");
    done(&x);
}

static void problems_are_capped(void **state)
{
    (void)state;
    struct import_problems p;
    import_problems_init(&p, "f.csv");
    for (int i = 0; i < 250; i++)
        import_error(&p, 250 - i, "分值", "bad %d", i);
    assert_int_equal(p.n_errors, 250);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    import_problems_print(&p, fp, false);
    fclose(fp);
    /* Kept are the first 100 found, printed in line order. */
    assert_non_null(strstr(buf, "f.csv:151: 列 分值: bad 99\n"));
    assert_null(strstr(buf, "f.csv:150:"));
    assert_true(strstr(buf, "f.csv:151:") < strstr(buf, "f.csv:250:"));
    assert_non_null(strstr(buf, "f.csv: 还有 150 个问题未列出\n"));
    free(buf);
    import_problems_free(&p);
}

/* Issue 12's reproductions: numbers an operator could paste by mistake, each refused with its
 * line, column and range (model/limits.h). */
static void numbers_are_bounded(void **state)
{
    (void)state;
    struct parsed x;
    char *big = xasprintf("1%0120d", 0); /* 1e120 written out: no exponent to refuse */
    char *text = xasprintf("年度,单位编码,日期,类型,分值,事由\n"
                           "2025,D01,2025-03-01,查访核验,123456789012345678,身份证号\n"
                           "2025,D01,2025-03-02,加分,%s,x\n"
                           "2025,D01,2025-03-03,投诉查处,9300000000000,y\n"
                           "2025,D01,2025-03-04,投诉查处,100,最大值可以\n"
                           "2025,D01,2025-03-05,投诉查处,100.000001,z\n",
                           big);
    parse(&x, kind_find("ledger"), text);
    has_error(&x, "f.csv:2: 列 分值: 「123456789012345678」应大于 0 且不超过 100");
    char *want = xasprintf("f.csv:3: 列 分值: 「%.60s…」应大于 0 且不超过 100", big);
    has_error(&x, want);
    has_error(&x, "f.csv:4: 列 分值: 「9300000000000」应大于 0 且不超过 100");
    has_error(&x, "f.csv:6: 列 分值: 「100.000001」应大于 0 且不超过 100");
    assert_int_equal(x.p.n_errors, 4);
    assert_int_equal(x.b.n, 1); /* 100 itself is the maximum, allowed */
    done(&x);
    free(want), free(text), free(big);
    parse(&x, kind_find("targets"),
          "年度,单位编码,指标编码,类别,指标名称,分值,计分方式,目标值,预算金额\n"
          "2025,D01,A1,全局性重点工作,x,10,比例,99999999999999999999,1000000000000\n"
          "2025,D01,A2,全局性重点工作,x,100.5,比例,1000000000000,1000000000000.5\n");
    has_error(&x, "f.csv:2: 列 目标值: 「99999999999999999999」应在 0 到 1000000000000 之间");
    has_error(&x, "f.csv:3: 列 分值: 「100.5」应大于 0 且不超过 100");
    has_error(&x, "f.csv:3: 列 预算金额: 「1000000000000.5」应在 0 到 1000000000000 之间");
    assert_int_equal(x.p.n_errors, 3);
    done(&x);
    parse(&x, kind_find("progress"),
          "年度,单位编码,指标编码,季度,累计完成值,累计支出,评分\n"
          "2025,D01,A1,2,1000000000001,2000000000000,100.5\n");
    has_error(&x, "f.csv:2: 列 累计完成值: 「1000000000001」应在 0 到 1000000000000 之间");
    has_error(&x, "f.csv:2: 列 累计支出: 「2000000000000」应在 0 到 1000000000000 之间");
    has_error(&x, "f.csv:2: 列 评分: 「100.5」应在 0 到 100 之间");
    done(&x);
}

/* Names and codes: length limits, no control or bidi characters; free text: length only. */
static void text_is_bounded(void **state)
{
    (void)state;
    struct parsed x;
    char name100[301] = "", name101[304] = "";
    for (int i = 0; i < 100; i++)
        strcat(name100, "名");
    snprintf(name101, sizeof name101, "%s名", name100);
    char *text = xasprintf("code,name,pool\n"
                           "D01,%s,乡镇\n"
                           "D02,%s,乡镇\n"
                           "D03,\"\x1b[2J\x1b[31mx\x1b]0;owned\x07\",乡镇\n"
                           "D\xe2\x80\xae" "04,y,乡镇\n"
                           "D05,a\xe2\x81\xa6" "b,乡镇\n",
                           name100, name101);
    parse(&x, kind_find("units"), text);
    char *want = xasprintf("f.csv:3: 列 name: 「%.60s…」太长 (名称最多 100 个字, 现有 101 个)",
                           name101);
    has_error(&x, want);
    has_error(&x, "f.csv:4: 列 name: 「\x1b[2J\x1b[31mx\x1b]0;owned\x07」含有控制字符或文字方向"
                  "控制符 (如换行、制表符、ESC、U+202E), 名称中不允许");
    has_error(&x, "f.csv:5: 列 code: 「D\xe2\x80\xae" "04」含有控制字符或文字方向控制符 (如换行、"
                  "制表符、ESC、U+202E), 编码中不允许");
    assert_int_equal(x.p.n_errors, 4); /* and U+2066 in D05's name */
    assert_int_equal(x.b.n, 1);
    done(&x);
    free(want), free(text);
    /* 事由: 2,000 characters is the limit; a line break in it is fine (a quoted cell). */
    char *r2000 = xmalloc(6001), *r2001 = xmalloc(6004);
    r2000[0] = '\0';
    for (int i = 0; i < 2000; i++)
        memcpy(r2000 + 3 * i, "事", 4);
    snprintf(r2001, 6004, "%s事", r2000);
    text = xasprintf("年度,单位编码,日期,类型,分值,事由\n"
                     "2025,D01,2025-03-01,查访核验,1,%s\n"
                     "2025,D01,2025-03-01,查访核验,1,%s\n"
                     "2025,D01,2025-03-01,查访核验,1,\"两行\n事由\"\n",
                     r2000, r2001);
    parse(&x, kind_find("ledger"), text);
    assert_int_equal(x.p.n_errors, 1);
    assert_non_null(strstr(x.p.errors[0], "f.csv:3: 列 事由: 「事事"));
    assert_non_null(strstr(x.p.errors[0], "…」太长 (说明文字最多 2000 个字, 现有 2001 个)"));
    assert_int_equal(x.b.n, 2);
    done(&x);
    free(text), free(r2000), free(r2001);
}

/* A message quoting a long cell cuts it between characters, never inside one. */
static void messages_cut_at_characters(void **state)
{
    (void)state;
    struct parsed x;
    /* 1 ASCII byte then 3-byte characters: byte 60 falls inside a character. */
    char cellv[400] = "x";
    for (int i = 0; i < 100; i++)
        strcat(cellv, "万");
    char *text = xasprintf("年度,单位编码,公众评议得分\n2025,D01,%s\n", cellv);
    parse(&x, kind_find("appraisals"), text);
    assert_int_equal(x.p.n_errors, 1);
    assert_true(text_valid_utf8(x.p.errors[0], strlen(x.p.errors[0])));
    assert_non_null(strstr(x.p.errors[0], "…」太长, 不是数字"));
    done(&x);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(headers_aliases_and_order),
        cmocka_unit_test(header_problems),
        cmocka_unit_test(targets_defaults_and_errors),
        cmocka_unit_test(progress_rows),
        cmocka_unit_test(ledger_ids),
        cmocka_unit_test(ledger_rules),
        cmocka_unit_test(extra_cells),
        cmocka_unit_test(shifted_row_with_empty_overflow),
        cmocka_unit_test(dash_placeholders),
        cmocka_unit_test(header_only),
        cmocka_unit_test(english_values_any_case),
        cmocka_unit_test(codes_are_checked),
        cmocka_unit_test(numbers_are_bounded),
        cmocka_unit_test(text_is_bounded),
        cmocka_unit_test(messages_cut_at_characters),
        cmocka_unit_test(problems_are_capped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
