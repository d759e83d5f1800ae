#!/usr/bin/env bash
# Check the supervision pack as the issue asks (issue 25): a sample journal
# (scripts/sample_pack_journal.py) exported in Norwegian and English, each pack run
# through the Nu HTML Checker (vnu-jar, with java) and axe-core (every rule, any impact,
# in the system's Chromium through puppeteer-core: no browser is downloaded), and
# printed with headless Chromium to PDF and PNG pages. Exits non-zero on any error or
# violation.
#
#   scripts/check_pack.sh [OUT_DIR]      (default: a temporary folder, kept and named)
#
# Needs java, node/npm and chromium (apt-get install chromium poppler-utils). The npm
# packages go to $PACK_CHECK_TOOLS (default ~/.cache/refleks-pack-check) the first time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
python="${PYTHON:-$root/.venv/bin/python}"
out="${1:-$(mktemp -d /tmp/refleks-pack-XXXXXX)}"
tools="${PACK_CHECK_TOOLS:-$HOME/.cache/refleks-pack-check}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$chromium" ] || { echo "check_pack: no chromium (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$out" "$tools"
if [ ! -d "$tools/node_modules/puppeteer-core" ] || [ ! -d "$tools/node_modules/vnu-jar" ]; then
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --silent \
     vnu-jar axe-core puppeteer-core)
fi
"$python" "$here/sample_pack_journal.py" "$out/sample.sqlite3"
status=0
for lang in nb en; do
  pack="$out/pack-$lang.html"
  rm -f "$pack"
  "$python" -m refleks --journal "$out/sample.sqlite3" --lang "$lang" export -o "$pack" >/dev/null
  echo "== $pack"
  if java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --Werror --also-check-svg \
       "$pack"; then
    echo "Nu HTML Checker: 0 errors, 0 warnings"
  else
    status=1
  fi
  CHROMIUM="$chromium" NODE_PATH="$tools/node_modules" node "$here/axe_pack.mjs" "$pack" \
    || status=1
  "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/pack-$lang.pdf" "$pack" 2>/dev/null
  if command -v pdftoppm >/dev/null; then
    pdftoppm -r 60 -png -f 1 -l 2 "$out/pack-$lang.pdf" "$out/pack-$lang-page"
  fi
done
echo "Written to $out"
exit $status
