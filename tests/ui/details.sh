# What a new operator could not read at 80x24 (issue 17 item 3): 季度进度's detail line has the
# warning level whole (the column shows !!红~) and breaks its rows between values, not inside
# 预算; 台账's detail rows hold a 70-character finding whole; a finding's field shows 60 columns
# (29 Chinese characters and the cursor) before it scrolls.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
long="抽查发现该局二〇二六年第三季度重点项目建设台账缺少监理单位签字的验收记录，部分项目进度照片与现场实际情况明显不符，需要说明原因并限期补齐相关材料"
thirty="一二三四五六七八九十一二三四五六七八九十一二三四五六七八九"

start --db "$db"
wait_for "菜单"
# D13 县交通运输局, Q3: A11 is red and mismatched.
keys 3; wait_for "季度进度: 选择季度和单位"; keys 3; wait_for "第 3 季度"
keys /; wait_for "查找"; type_text D13; keys Enter; wait_for "找到: D13"; keys Enter
wait_for "D13 县交通运输局  2026 年第 3 季度累计值"
wait_for "A11 重点项目建设  预警 !!红色 不匹配"
screen | grep -q "预算 330 万元" || fail "预算 330 万元 broken over two rows"
keys Escape; wait_for "季度进度: 选择季度和单位"; keys Escape; wait_for "菜单"

keys 4; wait_for "加减分台账: 选择单位"; keys Enter; wait_for "2026 年度加减分台账"
keys 1; wait_for "发现问题"; keys Down Down Down
type_text "$thirty"; wait_for "发现问题  $thirty"
screen | grep -F "发现问题" | grep -q "<" && fail "29 characters scrolled the finding's field"
keys C-u; type_text "$long"; keys Enter; type_text 0.3; keys F2; wait_for "已保存"
wait_for "限期补齐相关材料"
keys Q; wait_for "EXIT=0"
finish
