#!/usr/bin/env bash
# Pictures of the .xlsx report and template as they print (not part of the test command: it needs LibreOffice,
# `apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils`, ~3 minutes).
# Writes target/office-shots/{report-vi,report-en,template}.pdf and their pages as PNG, and checks that every
# page is A4 landscape. docs/img/report-xlsx-vi.png is page 1 of report-vi at 80 dpi.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/office-shots
rm -rf "$out" && mkdir -p "$out"
for lang in vi en; do
  cargo run --release --quiet --example report -- --lang "$lang" --format xlsx --out "$out/report-$lang.xlsx"
done
cargo run --release --quiet --example report -- --template 2027 --out "$out/template.xlsx"
for f in report-vi report-en template; do
  soffice --headless --convert-to pdf --outdir "$out" "$out/$f.xlsx" > /dev/null 2>&1
  pages=$(pdfinfo "$out/$f.pdf" | awk '/^Pages:/ {print $2}')
  # A4 landscape is 841.89 x 595.3 points
  if pdfinfo -l "$pages" "$out/$f.pdf" | grep '^Page.*size:' | grep -vq '841.89 x 595.3'; then
    echo "office-screenshots: $f.pdf has a page that is not A4 landscape" >&2
    exit 1
  fi
  pdftoppm -r 80 -png "$out/$f.pdf" "$out/$f"
  echo "office-screenshots: $f: $pages pages, A4 landscape"
done
