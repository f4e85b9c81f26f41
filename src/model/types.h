/* Domain values shared by every layer: units, targets, progress, ledger, appraisals and the
 * year's scheme. Plain structs; the store fills them, the engines read them. */
#ifndef KAOPING_MODEL_TYPES_H
#define KAOPING_MODEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#define KP_QUARTERS 4
#define KP_CODE_MAX 32   /* bytes incl. NUL for unit/item codes */
#define KP_ID_LEN 32     /* hex characters of a 128-bit record id */

enum kp_method { METHOD_RATIO, METHOD_INVERSE, METHOD_MANUAL };
enum kp_ledger_type { LEDGER_INSPECTION, LEDGER_COMPLAINT, LEDGER_BONUS, LEDGER_VETO };
enum kp_veto_effect { VETO_FAIL, VETO_CAP, VETO_NONE };
enum kp_tie_style { TIE_COMPETITION, TIE_DENSE };
/* 双监控's decision on a warned item for a quarter (issue 15 item 5); NONE: not decided. */
enum kp_decision { DECISION_NONE, DECISION_CONTINUE, DECISION_ADJUST, DECISION_DEFER, DECISION_STOP };

#define KP_GRADES_MAX 8
#define KP_GRADE_LABEL 32 /* bytes incl. NUL: 10 Chinese characters */

/* One grade band: its label and the lowest rounded total that reaches it. */
struct grade_band {
    char label[KP_GRADE_LABEL];
    double min; /* unused for the last band */
};

/* The year's scheme: every number of the scoring and monitoring rules. Shares are points of
 * the 100-point total: C = K_H * half_share / key_points + K_Y * year_share / key_points,
 * A = P * appraisal_share / 100. */
struct scheme {
    char preset[24];
    double half_share;      /* 30 (半年初评) */
    double year_share;      /* 60 (年终总评) */
    double appraisal_share; /* 10 (公众评议) */
    double inspection_cap;  /* 2  (查访核验) */
    double complaint_cap;   /* 2  (投诉查处) */
    double bonus_cap;       /* 0  (加分; disabled) */
    /* Grades (等次), best first: band i when T >= grades[i].min (the last band has no floor).
     * The veto effect `fail` gives the last band, `cap` at most band cap_grade (docs/scoring.md
     * "Grades"). */
    struct grade_band grades[KP_GRADES_MAX];
    int n_grades;
    int cap_grade;          /* position (0-based) of the pass band, e.g. 2 = 合格 */
    enum kp_veto_effect veto_effect;
    enum kp_tie_style tie_style;
    double warn_yellow;     /* 5: 黄色预警 when lag > this (percentage points) */
    double warn_red;        /* 15: 红色预警 when lag > this */
    double mismatch;        /* 20: 不匹配 when |execution - completion| > this */
};

/* A score source (评价主体) beyond the key items, appraisal and ledger: docs/scoring.md
 * "Score sources". Scale: percent = 0..100 scaled to the share; points = 0..share as is;
 * grade = a grade whose points lie in a range of the conversion table. */
enum source_scale { SCALE_PERCENT, SCALE_POINTS, SCALE_GRADE };

struct source_grade {
    char *label; /* 先进 */
    double lo, hi; /* points of the source that the grade stands for, lo <= hi */
};

struct score_source {
    char *name;          /* 领导评估; several rows may share a name for disjoint pools */
    double share;        /* points of the total (a bonus source: its most) */
    enum source_scale scale;
    bool bonus;          /* added on top, not part of the 100, never 数据不全 */
    bool appraisal;      /* the 公众评议 records count as scores of this source */
    char **pools;        /* the pools it applies to; none = every pool */
    size_t n_pools;
    char *rater;         /* who scores it (评分单位), may be NULL */
    struct source_grade *grades; /* SCALE_GRADE: the conversion table, best first */
    size_t n_grades;
};

/* One score of a source for a unit: who gave it and when. */
struct source_score {
    char id[KP_ID_LEN + 1];
    size_t unit_index;
    char *source;       /* the source's name */
    double value;       /* 0..100 (percent) or points */
    char *grade;        /* the grade entered (graded sources), else NULL */
    char *rater;        /* 评分单位 */
    char date[11];      /* YYYY-MM-DD */
};

struct category {
    char *pool;
    char *name;
    double points;
    int sort_order;
};

struct unit {
    char *code;
    char *name;
    char *pool;
    char *parent; /* NULL when none */
    char *leader; /* NULL when none */
    /* Public appraisal of the loaded year. */
    bool has_appraisal;
    double appraisal;         /* 0..100 */
    bool has_satisfaction;
    double satisfaction;      /* 0..100 % */
};

/* Cumulative values entered for one quarter. */
struct quarter_progress {
    bool present;       /* a row exists for this quarter */
    bool no_actual;     /* a 评分 item's row that gives only its score (issue 17 item 5) */
    double actual;      /* 累计完成值 (0 when no_actual) */
    bool has_spent;
    double spent;       /* 累计支出, 万元 */
    bool has_score;
    double score;       /* 评分, manual items */
    char *note;         /* may be NULL */
    char *deviation;    /* 偏差原因 (双监控: why the item lags), may be NULL */
    char *action;       /* 整改措施 (纠偏: what is done about it), may be NULL */
    enum kp_decision decision; /* 处置决定 of a warned item, with its date */
    char decision_on[11];      /* YYYY-MM-DD, "" when no decision */
    bool corrected;     /* 更正: confirmed below the previous quarter (model/rules.h) */
};

/* The terms of an item that a target adjustment (目标调整, model/adjust.h) can change. */
struct item_terms {
    double points, target, budget;
    double schedule[KP_QUARTERS];
};

struct target_item {
    size_t unit_index;  /* into year_data.units */
    char *code;
    char *category;
    char *name;
    double points;
    enum kp_method method;
    double target;
    char *measure;      /* may be NULL */
    double budget;      /* 万元, 0 = no budget */
    double schedule[KP_QUARTERS]; /* cumulative %, default 25/50/75/100 */
    struct quarter_progress q[KP_QUARTERS];
    /* The terms in force at the end of each quarter when the approved item was adjusted
     * (points to KP_QUARTERS structs owned by the loader), else NULL: the fields above hold
     * all year. Read through item_terms_at (model/adjust.h). */
    const struct item_terms *in_force;
};

struct target_adjustment; /* model/adjust.h */

struct ledger_entry {
    char id[KP_ID_LEN + 1];
    size_t unit_index;
    char date[11];      /* YYYY-MM-DD */
    enum kp_ledger_type type;
    double points;      /* > 0; 0 for vetoes */
    char *aspect;       /* 方面 (inspection aspect; veto category) or NULL */
    char *method;       /* 方式 (inspection method; complaint channel) or NULL */
    char *reason;       /* 事由 / finding */
    char *inspectors;   /* 核验人 or NULL */
    char *evidence;     /* 证据 or NULL */
};

/* Everything about one year that the scoring and monitoring engines need. Units are sorted
 * by code, items by (unit, category order, code), ledger by (unit, date, id). */
struct year_data {
    int year;
    bool locked;
    struct scheme scheme;
    struct category *categories;
    size_t n_categories;
    struct unit *units;
    size_t n_units;
    struct target_item *items;
    size_t n_items;
    struct ledger_entry *ledger;
    size_t n_ledger;
    /* Adjustments of approved targets, by (unit, item, recording order), and the storage
     * of the adjusted items' in_force terms (model/adjust.h). */
    struct target_adjustment *adjustments;
    size_t n_adjustments;
    struct item_terms *terms;
    struct score_source *sources; /* the scheme's sources, in scheme order */
    size_t n_sources;
    struct source_score *scores;  /* by (unit, source, date, id) */
    size_t n_scores;
};

void year_data_free(struct year_data *yd);
/* Frees the ledger alone (its texts too) and empties it: for work that is done with it while
 * it still needs the rest of the year (explain, before it ranks the half-year stage). */
void year_data_drop_ledger(struct year_data *yd);
/* Frees a record's texts (the struct itself is the caller's). */
void ledger_entry_free(struct ledger_entry *e);
void score_sources_free(struct score_source *s, size_t n);
void source_scores_free(struct source_score *s, size_t n);

/* Names for the enums: the stored (English) token and the Chinese label. */
const char *method_token(enum kp_method m);   /* ratio / inverse / manual */
const char *method_label(enum kp_method m);   /* 比例 / 反向 / 评分 */
bool method_parse(const char *s, enum kp_method *out); /* accepts either form */
const char *ledger_type_token(enum kp_ledger_type t); /* inspection / complaint / bonus / veto */
const char *ledger_type_label(enum kp_ledger_type t); /* 查访核验 / 投诉查处 / 加分 / 一票否决 */
bool ledger_type_parse(const char *s, enum kp_ledger_type *out);
const char *veto_effect_token(enum kp_veto_effect v); /* fail / cap / none */
bool veto_effect_parse(const char *s, enum kp_veto_effect *out);
const char *tie_style_token(enum kp_tie_style t);     /* competition / dense */
const char *source_scale_token(enum source_scale s);  /* percent / points / grade */
const char *source_scale_label(enum source_scale s);  /* 百分制 / 分值 / 等次 */
bool source_scale_parse(const char *s, enum source_scale *out); /* accepts either form */
bool tie_style_parse(const char *s, enum kp_tie_style *out);
const char *decision_token(enum kp_decision d); /* "" / continue / adjust / defer / stop */
const char *decision_label(enum kp_decision d); /* "" / 继续 / 调整 / 暂缓 / 停止 */
bool decision_parse(const char *s, enum kp_decision *out); /* either form, not "" */

/* The fixed vocabularies of docs/domain.md. */
extern const char *const kp_inspection_aspects[6];
extern const char *const kp_inspection_methods[4];
extern const char *const kp_veto_reasons[5];
extern const char *const kp_default_pools[4];

#endif
