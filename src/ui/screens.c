/* The home menu: one row per screen reachable from home (hotkey = one key from home). */
#include "ui/screens.h"

static const struct ui_pick_request pick_targets = {"任务书: 选择单位", &screen_targets,
                                                    PICK_TARGETS};
static const struct ui_pick_request pick_progress = {"季度进度: 选择季度和单位", &screen_progress,
                                                     PICK_PROGRESS};
static const struct ui_pick_request pick_ledger = {"加减分台账: 选择单位", &screen_ledger,
                                                   PICK_LEDGER};

const struct ui_menu_entry ui_menu[] = {
    {'1', "单位管理", "单位管理: 按分组列出单位, 新增/修改/删除", &screen_units, NULL},
    {'2', "任务书", "任务书: 选单位, 按类别录入指标和分值", &screen_pick_unit, &pick_targets},
    {'3', "季度进度", "季度进度 (双监控): 选季度和单位, 填累计完成值和支出", &screen_pick_unit,
     &pick_progress},
    {'4', "加减分台账", "加减分台账: 查访核验, 投诉查处, 加分, 一票否决", &screen_pick_unit,
     &pick_ledger},
    {'5', "公众评议", "公众评议: 各单位评议得分和满意率", &screen_appraisal, NULL},
    {'6', "双监控", "双监控: 季度预警 (红色在前), 单位执行率对序时进度, 登记整改", &screen_monitor,
     NULL},
    {'7', "整改", "整改: 未完成 / 逾期 / 已完成, 期限; 写明情况后关闭", &screen_rectify, NULL},
    {'8', "评分录入", "评分录入: 评分来源 (领导评估、社会评价等) 的得分, 每轮一个评分单位和日期",
     &screen_scores, NULL},
    {'r', "排名结果", "排名结果: 分组排名, 等次筛选, 得分说明, 导出 CSV", &screen_rankings, NULL},
    {'m', "会议模式", "会议模式: 全屏只读, 每组一页, 总分条形图 (投影用)", &screen_meeting, NULL},
    {'s', "设置", "设置: 考核方案 (权重, 上限, 等次线, 预设), 预览等次变化", &screen_settings,
     NULL},
    {'l', "年度审定", "年度审定: 结果审定后锁定年度; 解锁要写理由 (都记入审计)", &screen_lock,
     NULL},
    {'a', "审计日志", "审计日志: 谁在何时改了什么, 按单位、表、日期筛选", &screen_audit, NULL},
    {'c', "合并冲突", "合并冲突: 笔记本合并时两边都改过的数据, 保留县里或采用笔记本的值",
     &screen_conflicts, NULL},
};
const size_t ui_menu_count = sizeof ui_menu / sizeof ui_menu[0];
