# Presets as data files (docs/scheme.md): `scheme show` of a year and of a preset, `scheme save`
# of a county's own scheme, a new year started from that file, and a broken file refused with
# its file, line and field, nothing written.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"

db="$work/demo.db"
kp() { "$KAOPING_BIN" --db "$db" "$@"; }
expect_ok "$KAOPING_BIN" --db "$db" demo

# The whole structure of a year: numbers, pools in rank order, each pool's categories.
expect_ok kp scheme show --year 2025
expect_stdout_has "分组 (排名顺序): 乡镇, 县直部门, 驻县单位, 金融机构"
expect_stdout_has "  乡镇: 全局性重点工作 15, 经济发展 20, 社会发展 15, 公共管理服务 20, 作风效能建设 10, 专项考核 10  (合计 90)"

# The shipped presets without a database; hangzhou's shares as docs/scheme.md reads them.
expect_ok "$KAOPING_BIN" scheme show --preset hangzhou
expect_stdout_has "权重: 半年初评 0 + 年终总评 100 + 公众评议 0"
expect_stdout_has "上限: 查访核验扣分 2, 投诉查处扣分 2, 加分 0 (不计加分)"
expect_stdout_has "  县直部门: 职能目标 30, 共性目标 15  (合计 45)"
expect_stdout_has "  社会评价 50 分 (百分制; 所有分组; 含公众评议记录; 评分: 市考评办 (社会评价))"
expect_stdout_has "  领导考评 5 分 (百分制; 所有分组; 评分: 市四套班子领导和两院院长)"
expect_stdout_has "  创新创优 3 分, 加分 (分值; 所有分组; 评分: 考评办核验、专家评估)"
expect_status 2 "$KAOPING_BIN" scheme show --preset nosuch
expect_stderr_has "未知的方案预设 nosuch (可用: beijing, hangzhou, qitai, zhengding"

# Save the county's scheme under its own name; it reads back as the same structure.
expect_ok kp scheme save --year 2025 -o "$work/ours.scheme" --name ours --title "我县 2025 方案"
grep -qx "name = ours" "$work/ours.scheme" || fail "name not saved"
grep -qx "\[categories 金融机构\]" "$work/ours.scheme" || fail "every pool gets its own section"
expect_ok "$KAOPING_BIN" scheme show --preset "$work/ours.scheme"
expect_stdout_has "方案预设 ours — 我县 2025 方案"
# never over an existing file without --force
expect_status 2 kp scheme save --year 2025 -o "$work/ours.scheme"
expect_ok kp scheme save --year 2025 -o "$work/ours.scheme" --name ours --force
# to stdout, the same text as the file
expect_ok kp scheme save --year 2025 -o - --name ours
expect_same "$last_out" "$work/ours.scheme"

# A new year starts from the saved file: same numbers and categories as 2025.
expect_ok kp scheme use "$work/ours.scheme" --year 2027
expect_stdout_has "2027 年度已按方案 ours: ours 创建"
kp scheme show --year 2025 | tail -n +2 > "$work/a.txt"
kp scheme show --year 2027 | tail -n +2 > "$work/b.txt"
expect_same "$work/a.txt" "$work/b.txt"

# A broken file: file, line and field named, exit 3, nothing written.
sed 's/^year_share = 60$/year_share = 6o/' "$work/ours.scheme" > "$work/bad.scheme"
line=$(grep -n '^year_share' "$work/bad.scheme" | cut -d: -f1)
expect_status 3 kp scheme use "$work/bad.scheme" --year 2028
expect_stderr_has "bad.scheme:$line: 字段 year_share: \"6o\" 不是数字"
expect_status 3 kp scheme show --year 2028   # no year written
expect_stderr_has "2028 年度不存在"
# a category sum that breaks the rule names the pool and the sums
sed 's/^目标任务 = 30$/目标任务 = 25/' "$work/ours.scheme" > "$work/sum.scheme"
expect_status 3 kp scheme use "$work/sum.scheme" --year 2028
expect_stderr_has "的类别合计 85, 应为 半年初评 30 + 年终总评 60 = 90"
expect_status 3 kp scheme use "$work/missing.scheme" --year 2028

# A year whose categories do not add up to its key share (beijing's numbers over qitai's
# categories) is not saved as a preset: the file would be refused when read.
expect_ok kp scheme use beijing --year 2026 --keep-categories
expect_status 3 kp scheme save --year 2026 -o "$work/mixed.scheme"
expect_stderr_has "2026 年度的方案不能保存为预设"
[ ! -e "$work/mixed.scheme" ] || fail "a refused save wrote a file"
finish
