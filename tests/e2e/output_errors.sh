#!/bin/sh
# Outputs that cannot be written (issue 10 items 9-11): every case exits 74 (contract v2) with a
# message, and leaves nothing half-written under the output's name.
#   output_errors.sh BIN INPUT_CSV BIG_CSV WORKDIR MODE
set -u
bin=$1 input=$2 big=$3 dir=$4 mode=$5
work=$dir/output-errors-$mode
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL ($mode): $*"; [ -f err ] && cat err; exit 1; }
expect_74() { [ "$1" -eq 74 ] || fail "exit status $1, expected 74"; grep -q "$2" err || fail "no message '$2'"; }
case $mode in
dev_full) # batch findings to a full device
  "$bin" batch "$input" >/dev/full 2>err; expect_74 $? "standard output: write error" ;;
closed_stdout) # check with standard output closed
  "$bin" check --age 40 --weight 70 --sex male --med "ibuprofen 400 mg po q6h" >&- 2>err
  expect_74 $? "standard output: write error" ;;
report_dev_full)
  "$bin" report "$input" --out - --format md >/dev/full 2>err; expect_74 $? "standard output: write error" ;;
rules_dev_full)
  "$bin" rules >/dev/full 2>err; expect_74 $? "standard output: write error" ;;
stdout_file_limit) # standard output is a file that hits the size limit (as on a full disk): cut back
  printf 'kept\n' >out.jsonl
  (ulimit -f 64; exec "$bin" batch "$big" --jobs 1) >>out.jsonl 2>err
  expect_74 $? "standard output: write error"
  [ "$(cat out.jsonl)" = kept ] || fail "half-written standard output left: $(wc -c <out.jsonl) bytes" ;;
out_file_limit) # --out and report --out past the size limit, SIGXFSZ not ignored by the shell
  (ulimit -f 64; exec "$bin" batch "$big" --jobs 1 --out out.jsonl) >/dev/null 2>err
  expect_74 $? "out.jsonl: write error"
  (ulimit -f 64; exec "$bin" report "$big" --out report.html) >/dev/null 2>err
  expect_74 $? "report.html: write error"
  if ls out.jsonl* report.html* >/dev/null 2>&1; then fail "output left behind: $(ls)"; fi ;;
broken_pipe) # findings into a pipe whose reader has gone
  { "$bin" batch "$big" --jobs 1 2>err; echo $? >rc; } | head -c 100 >/dev/null
  expect_74 "$(cat rc)" "standard output: write error" ;;
planted_symlink) # a symbolic link planted at the old predictable temporary name OUT.tmp-PID
  printf 'victim\n' >victim
  sh -c 'ln -s victim "out.jsonl.tmp-$$"; exec "$0" batch "$1" --out out.jsonl' "$bin" "$input" 2>err
  [ "$(cat victim)" = victim ] || fail "the symlink's target was overwritten"
  [ -s out.jsonl ] || fail "no output written" ;;
*) fail "unknown mode" ;;
esac
echo "ok: $mode"
