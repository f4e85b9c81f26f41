# A save in 季度进度 (F2) on a full disk (docs/store.md, "A full disk"): the status line says
# the disk is full and nothing was written, the typed values stay on the grid, the file is
# unchanged; with space freed the same F2 saves them. Root only (mount -t tmpfs); skipped
# (exit 77) elsewhere: tests/cli/disk_full.sh covers the store's side without root.
. "$(dirname "$0")/lib.sh"
disk="$work/disk"
mkdir "$disk"
if ! mount -t tmpfs -o size=4m,mode=0700 tmpfs "$disk" 2>/dev/null; then
  echo "disk_full_save: cannot mount a tmpfs here (needs root): skipped"
  exit 77
fi
# A lazy unmount: the killed workstation may still hold the file for a moment.
trap '$T kill-server 2>/dev/null; umount -l "$disk" 2>/dev/null; rm -rf "$work"' EXIT
db="$disk/x.db"
"$KAOPING_BIN" --db "$db" demo >/dev/null || { echo "demo failed" >&2; exit 1; }
q3() { sql "$db" "SELECT actual || '|' || spent FROM progress WHERE year=2026 AND unit='T01' AND item='A11' AND quarter=3"; }
was=$(q3)

start --db "$db"
wait_for "菜单"
keys 3; wait_for "季度进度: 选择季度和单位"; keys 3; wait_for "第 3 季度"
keys /; wait_for "查找"; type_text T01; keys Enter; wait_for "找到: T01"
keys Enter; wait_for "累计完成"
type_text 9; keys Enter; type_text 199
# Every byte of the disk taken, then F2.
avail=$(df -B1 --output=avail "$disk" | tail -1)
head -c "$avail" /dev/zero >"$disk/filler" 2>/dev/null
keys F2
wait_for "未保存: 提交: 磁盘已满, 未写入任何数据"
screen | grep -Eq "^A11 .* 9 +199 " || fail "the typed values left the grid"
rm -f "$disk/filler"
expect_eq "$(q3)" "$was" "the file after the failed save"
keys F2
wait_for "已保存 (1 行)"
expect_eq "$(q3)" "9.0|199.0" "saved once there is room"
"$KAOPING_BIN" --db "$db" check >/dev/null 2>&1 || fail "kaoping check after the full disk"
"$KAOPING_BIN" --db "$db" audit --verify >/dev/null 2>&1 || fail "audit --verify after the full disk"
finish
