#!/usr/bin/env bash
# Browser test of the HTML report: headless Chromium renders the report of the sample cases to PNG
# and to PDF; both must be non-empty and the PDF must have a plausible page count. The files stay
# in ARTIFACTS for people to look at. Exit 77 (CTest: skipped) when Chromium is absent and cannot be
# installed -- never a silent pass.
# Usage: report_browser.sh MEDCHECK_BIN CASES_DIR ARTIFACTS_DIR SOURCE_DIR
set -euo pipefail
bin=$1 cases=$2 artifacts=$3 source=$4
min_pages=6 max_pages=24

find_chromium() { command -v chromium || command -v chromium-browser || true; }
chromium=$(find_chromium)
if [ -z "$chromium" ]; then
  echo "report_browser: chromium not found; trying: tools/install-deps chromium" >&2
  "$source/tools/install-deps" chromium >&2 || true
  chromium=$(find_chromium)
fi
if [ -z "$chromium" ]; then
  echo "SKIPPED: Chromium is not installed and could not be installed (run tools/install-deps chromium as root)." >&2
  exit 77
fi

mkdir -p "$artifacts"
html="$artifacts/report.html" png="$artifacts/report.png" pdf="$artifacts/report.pdf"
rm -f "$png" "$pdf"
set +e
"$bin" report "$cases"/*.json --out "$html" --title "Ward 4 medication review" --as-of 2026-01-15
rc=$?
set -e
if [ "$rc" -ne 2 ]; then
  echo "FAIL: medcheck report exited $rc (expected 2: the samples hold violations)" >&2
  exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --disable-dev-shm-usage "--user-data-dir=$profile")
# D-Bus and GPU chatter on stderr is noise in a container; keep it out of the test log unless it fails.
if ! timeout 120 "$chromium" "${flags[@]}" --screenshot="$png" --window-size=1280,2000 "file://$html" \
     >"$profile/png.log" 2>&1; then
  cat "$profile/png.log" >&2
  echo "FAIL: chromium could not take the screenshot" >&2
  exit 1
fi
if ! timeout 120 "$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" \
     >"$profile/pdf.log" 2>&1; then
  cat "$profile/pdf.log" >&2
  echo "FAIL: chromium could not print to PDF" >&2
  exit 1
fi

[ -s "$png" ] || { echo "FAIL: $png is empty or missing" >&2; exit 1; }
[ -s "$pdf" ] || { echo "FAIL: $pdf is empty or missing" >&2; exit 1; }
if [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
  echo "FAIL: $png is not a PNG" >&2
  exit 1
fi
if [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
  echo "FAIL: $pdf is not a PDF" >&2
  exit 1
fi
# Page objects: "/Type /Page" not followed by "s" (that would be the /Pages tree).
pages=$(grep -a -o -E '/Type ?/Page([^s]|$)' "$pdf" | wc -l)
echo "report_browser: $png ($(stat -c %s "$png") bytes), $pdf ($(stat -c %s "$pdf") bytes, $pages pages)"
if [ "$pages" -lt "$min_pages" ] || [ "$pages" -gt "$max_pages" ]; then
  echo "FAIL: $pages PDF pages, expected $min_pages-$max_pages (one page per patient with findings, summary, sign-off)" >&2
  exit 1
fi
