#!/usr/bin/env bash
# Load figures (deploy/README.md, "Load"): builds Release once, then drives N concurrent Teams conversations through
# POST /api/messages (the benchmark project's `load` command, with its own stand-in Bot Connector) against
#   sqlite  one bot on SQLite, in a folder of its own;
#   pg1     one bot on PostgreSQL;
#   pg2     two bots on one PostgreSQL database, the turns spread over both.
# PostgreSQL is a private server from Debian's packages (/usr/lib/postgresql/*/bin) in a temporary folder, with its
# default settings (fsync on) but a loopback port of its own; as root it runs as the postgres user.
# Each topology starts from a new database and new bot processes, with the default settings (the sentence model
# routes and searches); the bots' queue channel is a team the generator announces, so each ticket's card is posted
# there as in a deployment.
#
# Usage: tests/bench/load.sh            (every topology, turn and concurrency below: about 20 minutes)
#   TOPOLOGIES="sqlite pg1 pg2" TURNS="trivial answer form" CONVERSATIONS="8 32" SECONDS_PER_RUN=20 WARMUP=5
#   LOAD_OUT=folder (where each run's output, the bots' logs and the README rows go; a new /tmp folder otherwise)
#   QUIET_WAIT=600 QUIET_CPU=15: on a shared machine, before each run wait (up to QUIET_WAIT seconds) until the whole
#   machine's CPU over 5 s is below QUIET_CPU % (the bots are idle then: what remains is other work)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
topologies=${TOPOLOGIES:-sqlite pg1 pg2}
turns=${TURNS:-trivial answer form}
conversations=${CONVERSATIONS:-8 32}
seconds=${SECONDS_PER_RUN:-20}
warmup=${WARMUP:-5}
quiet_wait=${QUIET_WAIT:-0}
quiet_cpu=${QUIET_CPU:-15}
out=${LOAD_OUT:-$(mktemp -d /tmp/helpdesk-load-results.XXXXXX)}
mkdir -p "$out"
work=$(mktemp -d /tmp/helpdesk-load.XXXXXX)
chmod 755 "$work" # the postgres user reaches its folder inside
team='19:load-team@thread.tacv2'

bot_pids=()
pg_data=""
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_bots() {
  for pid in "${bot_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${bot_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bot_pids=()
}
cleanup() {
  stop_bots
  if [ -n "$pg_data" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nobody answers on now.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

echo "building Release (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
dotnet build HelpdeskBot.sln -c Release -v q -nologo >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
bot_dll=$root/bot/HelpdeskBot/bin/Release/net10.0/HelpdeskBot.dll
generator_dll=$root/tests/HelpdeskBot.Benchmarks/bin/Release/net10.0/HelpdeskBot.Benchmarks.dll
connector_port=$(free_port)

# start_bot NAME [VARIABLE=VALUE...]: starts a bot on a free port with the settings the tests give one, and waits
# (with a deadline) until /health/ready answers 200. Sets $bot_url and $bot_pid.
start_bot() {
  local name=$1 port deadline
  shift
  port=$(free_port)
  mkdir -p "$work/$name"
  env "$@" \
    DOTNET_NOLOGO=1 Urls="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
    Knowledge__IndexPath="$work/$name/index" \
    Knowledge__ArticlesPath="$root/knowledge/articles" Knowledge__Search__SynonymsPath="$root/knowledge/synonyms.txt" \
    People__DevelopmentImportPath="$root/bot/HelpdeskBot/People/development-people.csv" \
    Agents__Queues__0__Group="Service Desk" Agents__Queues__0__TeamId="$team" Agents__Queues__0__ChannelId="$team" \
    dotnet "$bot_dll" >"$out/$name.log" 2>&1 &
  bot_pid=$!
  bot_pids+=("$bot_pid")
  bot_url="http://127.0.0.1:$port"
  deadline=$((SECONDS + 300))
  until curl -sf -o /dev/null "$bot_url/health/ready"; do
    if ! kill -0 "$bot_pid" 2>/dev/null; then echo "bot $name ended at start:"; tail -20 "$out/$name.log"; exit 1; fi
    if [ "$SECONDS" -ge "$deadline" ]; then echo "bot $name not ready after 5 minutes:"; tail -20 "$out/$name.log"; exit 1; fi
    sleep 0.5
  done
  echo "bot $name ready at $bot_url (pid $bot_pid, load average: $(cut -d' ' -f1-3 /proc/loadavg))"
}

start_postgres() {
  pg_bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d | sort -V | tail -1)
  [ -x "$pg_bin/postgres" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
  mkdir -p "$work/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work/pg"; fi
  as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 >"$out/initdb.log"
  pg_port=$(free_port)
  pg_data=$work/pg/data
  # -w: returns once the server accepts connections, or fails after the timeout (-t).
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -t 60 \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  pg_pid=$(head -1 "$pg_data/postmaster.pid")
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $pg_port (pid $pg_pid)"
}

create_database() {
  as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE $1" >/dev/null
  echo "Host=127.0.0.1;Port=$pg_port;Database=$1;Username=postgres"
}

# The machine's busy CPU over 5 s, in % of all its cores (from /proc/stat: user nice system idle iowait irq softirq steal).
machine_busy() {
  local a b
  read -r -a a < <(head -1 /proc/stat)
  sleep 5
  read -r -a b < <(head -1 /proc/stat)
  local total=0 idle i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(((total - idle) * 100 / (total > 0 ? total : 1)))
}

# Waits (up to $quiet_wait seconds) until other work leaves the machine quiet enough to measure.
wait_until_quiet() {
  [ "$quiet_wait" -gt 0 ] || return 0
  local deadline=$((SECONDS + quiet_wait)) busy
  while busy=$(machine_busy); [ "$busy" -ge "$quiet_cpu" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then echo "(still ${busy}% busy after ${quiet_wait} s: measuring anyway)"; return 0; fi
  done
  echo "(machine ${busy}% busy over 5 s before the run)"
}

# run LABEL BOTS WATCH: every turn kind at every concurrency against the running bots.
run() {
  local label=$1 bots=$2 watch=$3 seed=1 file status
  for kind in $turns; do
    for n in $conversations; do
      file="$out/$(echo "$label" | tr -c 'a-zA-Z0-9\n' '-')-$kind-$n.txt"
      wait_until_quiet
      echo "== $label, $kind, $n conversations (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
      status=0
      # Each run against one bot process spells the questions from another start (--seed): new to its encoder's cache.
      dotnet "$generator_dll" load --bots "$bots" --conversations "$n" --seconds "$seconds" --warmup "$warmup" --turn "$kind" \
        --label "$label" --watch "$watch" --team "$team" --connector-port "$connector_port" --seed "$seed" \
        --dump "${file%.txt}.tsv" >"$file" 2>&1 || status=$?
      seed=$((seed + 1))
      sed -n '/^turn /,/^$/p' "$file"
      grep -E '^(errors|cpu|questions|processes)' "$file" || true
      if [ "$status" != 0 ]; then echo "(exit $status: see $file)"; fi
      grep -A1 '^README row' "$file" | tail -1 >>"$out/rows.md" || true
    done
  done
}

echo "cores: $(nproc); results in $out"
for topology in $topologies; do
  case $topology in
    sqlite)
      start_bot sqlite ConnectionStrings__Helpdesk="Data Source=$work/sqlite/helpdesk.db"
      run "1 bot, SQLite" "$bot_url" "bot=$bot_pid"
      ;;
    pg1|pg2)
      [ -n "$pg_data" ] || start_postgres
      connection=$(create_database "helpdesk_$topology")
      # The first start migrates and imports the articles; a second instance starts once that is done.
      start_bot "$topology-bot1" Database__Provider=PostgreSQL ConnectionStrings__Helpdesk="$connection"
      bots=$bot_url watch="bot1=$bot_pid"
      if [ "$topology" = pg2 ]; then
        start_bot "$topology-bot2" Database__Provider=PostgreSQL ConnectionStrings__Helpdesk="$connection"
        bots="$bots,$bot_url" watch="$watch,bot2=$bot_pid"
      fi
      if [ "$topology" = pg1 ]; then label="1 bot, PostgreSQL"; else label="2 bots, PostgreSQL"; fi
      run "$label" "$bots" "$watch,postgres=$pg_pid"
      ;;
    *) echo "unknown topology '$topology' (sqlite, pg1, pg2)"; exit 2 ;;
  esac
  stop_bots
done

echo
grep -h '^README row' "$out"/*.txt | head -1 | sed 's/^README row: //'
echo "|---|---|---|---|---|---|---|---|---|"
cat "$out/rows.md"
echo "(cores: $(nproc); each run's output and the bots' logs: $out)"
