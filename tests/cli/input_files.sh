# Input files through the real binary (docs/csv.md, "Input files"): a device, a FIFO or a
# directory is refused at once with what it is (exit 3), a file over 512 MB by its size, `-`
# reads stdin, and binaries, UTF-32 and Latin-1 files are named for what they are.
set -u
. "$KAOPING_SRC/tests/cli/lib.sh"
db="$work/x.db"
K() { "$KAOPING_BIN" --db "$db" "$@"; }
data="$KAOPING_SRC/tests/data/csv"
expect_ok K import units "$data/units.csv"

# expect_refused WANT FILE: import ledger FILE exits 3 within 20 s, naming the problem.
expect_refused() {
  expect_status 3 timeout 20 "$KAOPING_BIN" --db "$db" import ledger "$2"
  expect_stderr_has "$1"
}
expect_refused "/dev/zero: 是字符设备, 不是普通文件" /dev/zero
mkfifo "$work/pipe"
expect_refused "$work/pipe: 是命名管道 (FIFO), 不是普通文件" "$work/pipe"
mkdir "$work/folder"
expect_refused "$work/folder: 是一个目录" "$work/folder"
truncate -s 600M "$work/huge.csv"
expect_refused "$work/huge.csv: 文件有 600 MB, 超过导入上限 512 MB" "$work/huge.csv"
expect_refused "二进制文件" "$KAOPING_BIN"
iconv -f UTF-8 -t UTF-32 "$data/units.csv" >"$work/units32.csv"
expect_refused "文件是 UTF-32 编码" "$work/units32.csv"
# Every byte pair here is valid GB18030 (it used to be decoded as such and refused later).
printf 'Name,City\nM\374ller,Z\374rich\n' >"$work/latin1.csv"
iconv -f GB18030 -t UTF-8 "$work/latin1.csv" >/dev/null 2>&1 || fail "latin1.csv is not GB18030-decodable"
expect_refused "$work/latin1.csv:2: 文件像是西文编码 (Latin-1/Windows-1252)" "$work/latin1.csv"

# `-` is stdin: the same rows as the file.
"$KAOPING_BIN" --db "$work/stdin.db" import units - <"$data/units.csv" >"$last_out" 2>"$last_err" ||
  fail "import units - < units.csv"
expect_stdout_has "读取 -: 编码 UTF-8"
K export units >"$work/a.csv" && "$KAOPING_BIN" --db "$work/stdin.db" export units >"$work/b.csv" ||
  fail "export after stdin import"
expect_same "$work/a.csv" "$work/b.csv"

finish
