/* Enum names and the fixed vocabularies of docs/domain.md. */
#include "model/types.h"

#include "model/adjust.h"

#include <stdlib.h>
#include <string.h>

const char *const kp_inspection_aspects[6] = {"绩效管理运行机制", "作风建设", "行政权力运行",
                                              "行政办事效率", "政务公开", "效能投诉办理"};
const char *const kp_inspection_methods[4] = {"明察", "暗访", "查阅资料", "现场调查"};
const char *const kp_veto_reasons[5] = {"计划生育", "社会治安综合治理", "重大安全责任事故",
                                        "工程质量安全责任事故", "其他"};
const char *const kp_default_pools[4] = {"乡镇", "县直部门", "驻县单位", "金融机构"};

static const char *const method_tokens[] = {"ratio", "inverse", "manual"};
static const char *const method_labels[] = {"比例", "反向", "评分"};
static const char *const ledger_tokens[] = {"inspection", "complaint", "bonus", "veto"};
static const char *const ledger_labels[] = {"查访核验", "投诉查处", "加分", "一票否决"};
static const char *const veto_tokens[] = {"fail", "cap", "none"};
static const char *const tie_tokens[] = {"competition", "dense"};
static const char *const scale_tokens[] = {"percent", "points", "grade"};
static const char *const scale_labels[] = {"百分制", "分值", "等次"};
static const char *const decision_tokens[] = {"", "continue", "adjust", "defer", "stop"};
static const char *const decision_labels[] = {"", "继续", "调整", "暂缓", "停止"};

/* Index of s in either list, or -1. */
static int find_name(const char *s, const char *const *a, const char *const *b, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, a[i]) == 0 || (b && strcmp(s, b[i]) == 0))
            return i;
    return -1;
}

const char *method_token(enum kp_method m) { return method_tokens[m]; }
const char *method_label(enum kp_method m) { return method_labels[m]; }
bool method_parse(const char *s, enum kp_method *out)
{
    int i = find_name(s, method_tokens, method_labels, 3);
    if (i >= 0)
        *out = (enum kp_method)i;
    return i >= 0;
}

const char *ledger_type_token(enum kp_ledger_type t) { return ledger_tokens[t]; }
const char *ledger_type_label(enum kp_ledger_type t) { return ledger_labels[t]; }
bool ledger_type_parse(const char *s, enum kp_ledger_type *out)
{
    int i = find_name(s, ledger_tokens, ledger_labels, 4);
    if (i >= 0)
        *out = (enum kp_ledger_type)i;
    return i >= 0;
}

const char *decision_token(enum kp_decision d) { return decision_tokens[d]; }
const char *decision_label(enum kp_decision d) { return decision_labels[d]; }
bool decision_parse(const char *s, enum kp_decision *out)
{
    int i = s && *s ? find_name(s, decision_tokens, decision_labels, 5) : -1;
    if (i > 0)
        *out = (enum kp_decision)i;
    return i > 0;
}

const char *veto_effect_token(enum kp_veto_effect v) { return veto_tokens[v]; }
bool veto_effect_parse(const char *s, enum kp_veto_effect *out)
{
    int i = find_name(s, veto_tokens, NULL, 3);
    if (i >= 0)
        *out = (enum kp_veto_effect)i;
    return i >= 0;
}

const char *tie_style_token(enum kp_tie_style t) { return tie_tokens[t]; }
bool tie_style_parse(const char *s, enum kp_tie_style *out)
{
    int i = find_name(s, tie_tokens, NULL, 2);
    if (i >= 0)
        *out = (enum kp_tie_style)i;
    return i >= 0;
}

const char *source_scale_token(enum source_scale s) { return scale_tokens[s]; }
const char *source_scale_label(enum source_scale s) { return scale_labels[s]; }
bool source_scale_parse(const char *s, enum source_scale *out)
{
    int i = find_name(s, scale_tokens, scale_labels, 3);
    if (i >= 0)
        *out = (enum source_scale)i;
    return i >= 0;
}

void score_sources_free(struct score_source *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(s[i].name), free(s[i].rater);
        for (size_t p = 0; p < s[i].n_pools; p++)
            free(s[i].pools[p]);
        for (size_t g = 0; g < s[i].n_grades; g++)
            free(s[i].grades[g].label);
        free(s[i].pools), free(s[i].grades);
    }
    free(s);
}

void source_scores_free(struct source_score *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(s[i].source), free(s[i].grade), free(s[i].rater);
    free(s);
}

void ledger_entry_free(struct ledger_entry *e)
{
    free(e->aspect), free(e->method), free(e->reason), free(e->inspectors), free(e->evidence);
    e->aspect = e->method = e->reason = e->inspectors = e->evidence = NULL;
}

void year_data_drop_ledger(struct year_data *yd)
{
    for (size_t i = 0; i < yd->n_ledger; i++)
        ledger_entry_free(&yd->ledger[i]);
    free(yd->ledger);
    yd->ledger = NULL, yd->n_ledger = 0;
}

void year_data_free(struct year_data *yd)
{
    for (size_t i = 0; i < yd->n_categories; i++) {
        free(yd->categories[i].pool);
        free(yd->categories[i].name);
    }
    for (size_t i = 0; i < yd->n_units; i++) {
        struct unit *u = &yd->units[i];
        free(u->code), free(u->name), free(u->pool), free(u->parent), free(u->leader);
    }
    for (size_t i = 0; i < yd->n_items; i++) {
        struct target_item *it = &yd->items[i];
        free(it->code), free(it->category), free(it->name), free(it->measure);
        for (int q = 0; q < KP_QUARTERS; q++)
            free(it->q[q].note), free(it->q[q].deviation), free(it->q[q].action);
    }
    year_data_drop_ledger(yd);
    for (size_t i = 0; i < yd->n_adjustments; i++) {
        struct target_adjustment *a = &yd->adjustments[i];
        free(a->item), free(a->reason), free(a->approved_by), free(a->recorded_at);
    }
    score_sources_free(yd->sources, yd->n_sources);
    source_scores_free(yd->scores, yd->n_scores);
    free(yd->categories), free(yd->units), free(yd->items);
    free(yd->adjustments), free(yd->terms);
    memset(yd, 0, sizeof *yd);
}
