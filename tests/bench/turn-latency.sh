#!/usr/bin/env bash
# Measures a whole turn through POST /api/messages: read and check the activity, store its conversation reference
# in SQLite, run the bot, and answer. deliveryMode expectReplies puts the reply (the welcome card) in the response,
# so no channel is needed. Needs `hey` (apt-get install hey). Usage: tests/bench/turn-latency.sh [requests] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-2000}
concurrency=${2:-1}
port=3999
work=$(mktemp -d)
trap 'kill $bot 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build bot/HelpdeskBot -c Release -v q -nologo >/dev/null
ConnectionStrings__Helpdesk="Data Source=$work/helpdesk.db" Urls="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
  dotnet bot/HelpdeskBot/bin/Release/net10.0/HelpdeskBot.dll >"$work/bot.log" 2>&1 &
bot=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done

cat >"$work/activity.json" <<JSON
{"type":"message","id":"bench","channelId":"msteams","serviceUrl":"https://smba.example.com/emea/",
 "from":{"id":"29:bench-user","name":"Bench"},"recipient":{"id":"28:bot","name":"HelpdeskBot"},
 "conversation":{"id":"a:bench","conversationType":"personal","tenantId":"t"},"text":"help","deliveryMode":"expectReplies"}
JSON
post() { hey -n "$1" -c "$concurrency" -m POST -T application/json -D "$work/activity.json" "http://127.0.0.1:$port/api/messages"; }
post 200 >/dev/null # warm up (JIT, connection pool, SQLite)
post "$requests" | grep -E "Requests/sec|Average|Slowest|  (50|90|99)% in|responses"
echo "bot RSS after run: $(ps -o rss= -p $bot | awk '{printf "%.0f MiB", $1/1024}')"
