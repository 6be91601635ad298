#!/usr/bin/env bash
# Builds the Teams app package: fills the manifest's placeholders and zips it with the icons.
# Usage (from anywhere): TEAMS_APP_ID=<guid> BOT_ID=<Microsoft App ID> BOT_DOMAIN=<host> bash deploy/teams/package.sh [out.zip]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "${1:-helpdeskbot-teams.zip}")
for var in TEAMS_APP_ID BOT_ID BOT_DOMAIN; do
  [ -n "${!var:-}" ] || { echo "error: set $var (see deploy/teams/README.md)" >&2; exit 2; }
done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
sed -e "s/\${{TEAMS_APP_ID}}/$TEAMS_APP_ID/g" -e "s/\${{BOT_ID}}/$BOT_ID/g" -e "s/\${{BOT_DOMAIN}}/$BOT_DOMAIN/g" \
  "$here/manifest.json" > "$work/manifest.json"
python3 -m json.tool "$work/manifest.json" >/dev/null
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
(cd "$work" && python3 -m zipfile -c "$out" manifest.json color.png outline.png)
echo "Wrote $out"
