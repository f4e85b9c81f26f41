# 公众评议 grid: scores typed in place, low satisfaction flagged, one save for several rows; an
# out-of-range value refused. 季度进度: a manual item's score above its points is refused.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
year=$(sql "$db" "SELECT max(year) FROM year")

start --db "$db"
wait_for "菜单"
keys 5; wait_for "已录入 0/46"
keys '?'; wait_for "「公众评议」的按键"; wait_for "在当前格输入数字"; keys Escape; wait_for "已录入 0/46"
type_text 86.4; keys Tab; type_text 55
wait_for "!满意率低于 60%"
keys Down Left; type_text 101; keys F2
wait_for "应在 0 到 100 之间"
keys BSpace BSpace BSpace; type_text 90; keys Right; type_text 70; keys F2
wait_for "已保存 (2 行)"; wait_for "已录入 2/46"
keys Escape; wait_for "菜单"

# T01 is a township: its E51 (作风效能建设, manual, 10 points) takes a score
keys 3; wait_for "季度进度: 选择季度和单位"; keys 4; wait_for "第 4 季度"
keys /; wait_for "查找"; type_text T01; keys Enter; wait_for "找到: T01"
keys Enter; wait_for "累计完成"
keys /; wait_for "查找"; type_text E51; keys Enter; wait_for "找到: E51"
# Spending alone is refused: a 评分 item needs its actual or its score (a score alone is
# enough, issue 17 item 5: tests/ui/progress_rules.sh).
keys Right; type_text 3; keys F2; wait_for "未保存: 第 11 行 E51: 填了支出时, 累计完成值或评分必填"
keys BSpace Left
type_text 10; keys Right Right; type_text 12; keys F2
wait_for "评分 12 超过分值 10"
keys BSpace BSpace; type_text 9.5; keys F2
wait_for "已保存 (1 行)"
keys F10; wait_for "EXIT=0"

expect_eq "$(sql "$db" "SELECT count(*) FROM appraisal WHERE year=$year")" "2" "two appraisals"
expect_eq "$(sql "$db" "SELECT group_concat(unit || ':' || score || ':' || satisfaction, ' ') FROM (SELECT * FROM appraisal WHERE year=$year ORDER BY unit)")" "D01:86.4:55.0 D02:90.0:70.0" "appraisals (units by code)"
expect_eq "$(sql "$db" "SELECT actual || '|' || score FROM progress WHERE year=$year AND unit='T01' AND item='E51' AND quarter=4")" "10.0|9.5" "manual score"
finish
