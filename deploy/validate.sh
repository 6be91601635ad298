#!/usr/bin/env bash
# Offline checks of deploy/: the Dockerfile, the compose file, the Caddyfile, the Bicep templates and the scripts.
# Needs no network beyond the package registries (npm, NuGet, Debian's apt), and no Docker daemon.
# Usage (from anywhere): bash deploy/validate.sh [--smoke]
#   --smoke  also publish the bot as the Dockerfile does and start it from that layout (deploy/smoke.sh, minutes).
# Exits non-zero when any check fails. See deploy/README.md, "Validation".
set -euo pipefail
deploy=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$deploy")
cd "$root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

smoke=0
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    *) echo "usage: bash deploy/validate.sh [--smoke]" >&2; exit 2 ;;
  esac
done

failed=()
step() { echo; echo "== $1"; }
run() { # run NAME COMMAND...: runs it, records a failure
  local name=$1; shift
  if "$@"; then echo "-- $name: ok"; else echo "-- $name: FAILED"; failed+=("$name"); fi
}
quiet() { # quiet COMMAND...: fails when the command fails or prints anything (linters that exit 0 on warnings)
  local out
  out=$("$@" 2>&1) || { printf '%s\n' "$out"; return 1; }
  [ -z "$out" ] || { printf '%s\n' "$out"; return 1; }
}

# --- tools: installed when missing ---
step "tools"
apt_install() {
  command -v apt-get >/dev/null 2>&1 || { echo "error: $1 is missing and there is no apt-get" >&2; return 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v caddy >/dev/null 2>&1 || apt_install caddy
command -v shellcheck >/dev/null 2>&1 || apt_install shellcheck
if [ ! -x deploy/validate/node_modules/.bin/dclint ] || [ ! -x deploy/validate/node_modules/.bin/dockerfile-utils ]; then
  npm ci --prefix deploy/validate --no-audit --no-fund --loglevel=error
fi
dotnet restore deploy/validate/bicep/bicep.csproj --verbosity quiet >/dev/null
bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep"
[ -x "$bicep" ] || chmod +x "$bicep"
echo "caddy $(caddy version | cut -d' ' -f1), $(shellcheck --version | sed -n 's/^version: /shellcheck /p'),"\
  "dclint $(deploy/validate/node_modules/.bin/dclint --version), dockerfile-utils $(node -p "require('./deploy/validate/node_modules/dockerfile-utils/package.json').version"),"\
  "$("$bicep" --version)"

# --- the container image ---
step "Dockerfile: dockerfile-utils lint (no problem reported)"
run "dockerfile lint" quiet deploy/validate/node_modules/.bin/dockerfile-utils lint deploy/Dockerfile

# --- compose ---
step "docker-compose.yml: dclint (the Compose Specification's JSON schema and dclint's rules, warnings count)"
run "compose lint" deploy/validate/node_modules/.bin/dclint --color=false --max-warnings 0 deploy/docker-compose.yml

step "deploy/ consistency (deploy/validate/check-deploy.mjs)"
run "consistency" node deploy/validate/check-deploy.mjs

step "Caddyfile: caddy validate (plain HTTP and with a host name) and caddy fmt"
caddy_home=$(mktemp -d)
caddy_validate() {
  XDG_DATA_HOME="$caddy_home" XDG_CONFIG_HOME="$caddy_home" SITE_ADDRESS="$1" \
    caddy validate --config deploy/caddy/Caddyfile --adapter caddyfile 2>&1 | grep -v '"level":"info"'
  return "${PIPESTATUS[0]}"
}
run "caddy validate :80" caddy_validate :80
run "caddy validate bot.contoso.com" caddy_validate bot.contoso.com
run "caddy fmt" bash -c 'caddy fmt deploy/caddy/Caddyfile | diff -u deploy/caddy/Caddyfile -'
rm -rf "$caddy_home"

# --- Azure ---
step "Bicep: build to ARM JSON with no error or warning (the build runs the linter too); build the example parameters"
arm=$(mktemp -d)
run "bicep build" quiet "$bicep" build deploy/azure/main.bicep --outdir "$arm"
# Placeholders for the secrets the parameters file reads from the environment (only to compile it here).
run "bicep build-params" quiet env MICROSOFT_APP_PASSWORD=placeholder HELPDESK_API_KEY=placeholder-16-chars-min \
  POSTGRES_ADMIN_PASSWORD=Placeholder-0 "$bicep" build-params deploy/azure/main.bicepparam --outfile "$arm/main.parameters.json"
[ -s "$arm/main.json" ] && echo "ARM template: $(wc -c <"$arm/main.json") bytes"
rm -rf "$arm"

# --- scripts ---
step "shellcheck"
run "shellcheck" shellcheck deploy/validate.sh deploy/smoke.sh deploy/teams/package.sh

if [ "$smoke" = 1 ]; then
  step "smoke: publish as the Dockerfile does and start the bot from that layout"
  run "smoke" bash deploy/smoke.sh
fi

echo
if [ ${#failed[@]} -eq 0 ]; then
  echo "deploy/validate.sh: all checks passed"
else
  echo "deploy/validate.sh: failed: ${failed[*]}"
  exit 1
fi
