#!/bin/sh
# Interrupts `medcheck batch` while it writes its findings and checks that no output, final or
# temporary, is left and that it says so:
#   interrupt.sh BIN INPUT OUTDIR SIGNAL EXPECTED_STATUS SMALL_INPUT
# Then makes a write fail on SMALL_INPUT's findings (file size limit, as on a full disk) and checks the
# same.
set -u
bin=$1 input=$2 dir=$3 sig=$4 expect=$5 small=$6
out=$dir/interrupted-$sig.jsonl
rm -f "$out" "$out".tmp-* "$dir/interrupt-$sig.err"
# A shell starts background jobs with SIGINT ignored, and medcheck keeps an ignored signal ignored
# (nohup), so the default disposition is restored for it first.
env --default-signal=INT,TERM,HUP "$bin" batch "$input" --jobs 1 --out "$out" 2>"$dir/interrupt-$sig.err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT # never leave it running when this script fails
# Wait for the temporary findings file (written after all input is read), then signal.
i=0
while ! ls "$out".tmp-* >/dev/null 2>&1; do
  i=$((i + 1))
  if [ $i -gt 1200 ] || ! kill -0 $pid 2>/dev/null; then
    echo "FAIL: no temporary output file appeared while medcheck ran"; exit 1
  fi
  sleep 0.05
done
kill -"$sig" $pid
wait $pid
rc=$?
[ "$rc" -eq "$expect" ] || { echo "FAIL: exit status $rc, expected $expect"; cat "$dir/interrupt-$sig.err"; exit 1; }
if ls "$out" "$out".tmp-* >/dev/null 2>&1; then echo "FAIL: output left behind"; ls -la "$dir"; exit 1; fi
grep -q "interrupted: $out was not written" "$dir/interrupt-$sig.err" || {
  echo "FAIL: no 'not written' message"; cat "$dir/interrupt-$sig.err"; exit 1; }

# A write that fails part-way (the file size limit makes write() fail with EFBIG, SIGXFSZ ignored).
full=$dir/full-$sig.jsonl
rm -f "$full" "$full".tmp-*
(trap '' XFSZ; ulimit -f 64; exec "$bin" batch "$small" --jobs 1 --out "$full") >/dev/null 2>"$dir/full-$sig.err"
rc=$?
[ "$rc" -eq 74 ] || { echo "FAIL: write error gave exit status $rc, expected 74"; cat "$dir/full-$sig.err"; exit 1; }
if ls "$full" "$full".tmp-* >/dev/null 2>&1; then echo "FAIL: half-written output left behind"; exit 1; fi
grep -q "write error (File too large); the output was not written" "$dir/full-$sig.err" || {
  echo "FAIL: no write error message"; cat "$dir/full-$sig.err"; exit 1; }
echo "ok: $sig -> $rc, nothing left behind"
