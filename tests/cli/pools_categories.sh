# Pools and categories as data through the CLI (docs/scheme.md): `pool add|rename|reorder|
# retire` from a year on, `category add|rename|delete|points` with the sum rule; every
# refusal exits 3 and writes nothing (the year's structure is compared before and after).
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/demo.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
shape() { kp scheme show --year "$1"; }
expect_ok kp demo
expect_ok kp scheme use qitai --year 2027   # a later year (copied structure, no data)

# 村 is a pool like any other now; --like copies a pool's categories. Before, a unit in 村
# was refused.
printf '单位编码,单位名称,分组\nV01,某某村,村\n' > "$work/v.csv"
expect_status 3 kp import units "$work/v.csv"
expect_stderr_has "分组「村」不存在"
expect_ok kp pool add 村 --year 2026 --like 县直部门
expect_stdout_has "2026 年度的分组 (排名顺序): 乡镇, 县直部门, 驻县单位, 金融机构, 村"
shape 2025 | grep -q "村" && fail "2025 got the pool added from 2026"
shape 2027 | grep -qF "  村: 全局性重点工作 30, 目标任务 30, 作风效能建设 20, 专项考核 10  (合计 90)" \
  || fail "2027 did not get 村"
expect_ok kp import units "$work/v.csv"
expect_ok kp pool --help
expect_stdout_has "kaoping pool retire NAME [--year Y]"

# Rename from 2026: 2025 keeps 金融机构.
expect_ok kp pool rename 金融机构 银行 --year 2026
shape 2025 | grep -qF "分组 (排名顺序): 乡镇, 县直部门, 驻县单位, 金融机构" || fail "2025 renamed"
shape 2026 | grep -qF "分组 (排名顺序): 乡镇, 县直部门, 驻县单位, 银行, 村" || fail "2026 not renamed"
kp rank --year 2026 --format csv --pool 银行 | grep -q '"F01"' || fail "F01 not ranked in 银行"

# Reorder needs the whole list.
expect_status 3 kp pool reorder 村 乡镇 --year 2026
expect_stderr_has "2026 年度有 5 个分组, 须全部按新顺序列出 (列了 2 个)"
expect_ok kp pool reorder 村 县直部门 乡镇 驻县单位 银行 --year 2026
# the ranking's first block is now 县直部门 (村 has no units yet, so no block)
kp rank --year 2026 | sed -n 3p | grep -q "^县直部门 " || fail "rank order"
kp rank --year 2025 | sed -n 3p | grep -q "^乡镇 " || fail "2025 reordered"

# Retire: the units are named and must move first; an empty pool retires.
before=$(shape 2026)
expect_status 3 kp pool retire 驻县单位 --year 2026
expect_stderr_has "2026 年度起分组 驻县单位 还有 4 个单位: S01, S02, S03, S04; 须先把它们移到别的分组"
[ "$(shape 2026)" = "$before" ] || fail "a refused retire changed 2026"
expect_status 3 kp pool retire 村 --year 2027
expect_stderr_has "2027 年度起分组 村 还有 1 个单位: V01; 须先把它们移到别的分组"
printf '单位编码,单位名称,分组\nV01,某某村,乡镇\n' > "$work/v.csv"
expect_ok kp import units "$work/v.csv"
expect_ok kp pool retire 村 --year 2027
shape 2027 | grep -q "村" && fail "村 still in 2027"
shape 2026 | grep -q "  村:" || fail "2026 lost 村"

# A locked year is never changed.
expect_ok kp lock --year 2025
expect_status 3 kp pool rename 乡镇 镇 --year 2025
expect_stderr_has "2025 年度已审定, 分组不能改动"

# Categories: the sum must stay 30 + 60 = 90 (乡镇: 15 + 20 + 15 + 20 + 10 + 10).
before=$(shape 2026)
expect_status 3 kp category points 经济发展=25 --pool 乡镇 --year 2026
expect_stderr_has "2026 年度分组 乡镇 的类别合计 95, 应为 半年初评 30 + 年终总评 60 = 90; 未作任何修改"
[ "$(shape 2026)" = "$before" ] || fail "a refused change was written"
expect_ok kp category add 村级事务 5 --pool 乡镇 --year 2026 --set 经济发展=15
shape 2026 | grep -qF "  乡镇: 全局性重点工作 15, 经济发展 15, 社会发展 15, 公共管理服务 20, 作风效能建设 10, 专项考核 10, 村级事务 5  (合计 90)" \
  || fail "add with --set"
# a category with 任务书 items is not deleted: the items are named
expect_status 3 kp category delete 经济发展 --pool 乡镇 --year 2026
expect_stderr_has "2026 年度 乡镇 的类别「经济发展」下有"
expect_stderr_has "T01/"
# a rename carries the items along (explain shows the new name)
expect_ok kp category rename 经济发展 经济建设 --pool 乡镇 --year 2026
expect_ok kp explain --year 2026 T01
expect_stdout_has "经济建设"
expect_stdout_lacks "经济发展"
# without --pool: every pool with the category (县直部门, 驻县单位, 银行, 村)
expect_ok kp category rename 目标任务 重点任务 --year 2026
shape 2026 | grep -c "重点任务" | grep -qx 4 || fail "rename in every pool with 目标任务"
expect_status 3 kp category points 经济发展=20 --pool 乡镇 --year 2025
expect_stderr_has "2025 年度已审定, 指标类别不能修改"
expect_status 2 kp category points 经济发展 --pool 乡镇
expect_stderr_has "应为 类别=分值"
finish
