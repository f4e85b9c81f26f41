# Codes with a space (model/rules): 单位管理 refuses a new "B 2" as import refuses it, and a
# unit stored before the rule ("A 1", written here straight into the database as an old import
# did) is still edited and saved unchanged rather than refused.
. "$(dirname "$0")/lib.sh"
db="$work/demo.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
# The audit trigger needs the program's kp_operator(): set it aside for this one row.
trigger=$(sql "$db" "SELECT sql FROM sqlite_master WHERE name = 'audit_unit_insert'")
trigger_year=$(sql "$db" "SELECT sql FROM sqlite_master WHERE name = 'audit_unit_year_insert'")
sql "$db" "BEGIN; DROP TRIGGER audit_unit_insert; DROP TRIGGER audit_unit_year_insert;
  INSERT INTO unit(code, name, pool) VALUES ('A 1', '测试单位', '县直部门');
  INSERT INTO unit_year(year, code, name, pool) SELECT max(year), 'A 1', '测试单位', '县直部门' FROM year;
  $trigger; $trigger_year; COMMIT;" ||
  fail "inserting the old unit"

start --db "$db"
wait_for "菜单"
keys 1; wait_for "共 47 个单位"
keys /; wait_for "查找"; type_text "A 1"; keys Enter; wait_for "找到: A 1"
keys Enter; wait_for "*单位编码"
keys F2; wait_for "已保存"
screen | grep -q "不能有空格" && fail "the stored code was refused"
keys a; wait_for "*单位编码"
type_text "B 2"; keys Tab; type_text 县测试局; keys F2; wait_for "不能有空格"
keys Escape; wait_for "放弃「单位」中未保存的修改? (y/N)"; keys y; wait_for "共 47 个单位"
keys Escape; wait_for "菜单"
keys Q; wait_for "EXIT=0"
expect_eq "$(sql "$db" "SELECT count(*) FROM unit WHERE code IN ('A 1', 'B 2')")" "1" "only A 1"
finish
