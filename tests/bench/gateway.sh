#!/usr/bin/env bash
# Unary gRPC through the gateway, side by side with its peers, in one run (MEASURING.md): h2load against
#   direct     the Echo agent itself (our gRPC server)
#   forwarder  a minimal Kestrel→SocketsHttpHandler forwarder in front of it
#   nginx      Debian's nginx grpc_pass in front of it (generated config in a temp folder, run as this user)
#   gateway    the federated gateway in front of it, once per variant (GATEWAY_VARIANTS below)
# for 12 B and 1 KiB messages, throughput (-c16 -m8) and serial latency (-c1 -m1), h2c everywhere. Every target
# gets a discarded warm-up run per shape (which also sizes the measured runs: -n for about SECONDS each, so no call is
# cut short at the end); then ROUNDS rounds alternate the targets (A B C D A B C D ...); medians are reported with
# ratios. h2load sees only HTTP status, so every server counts the calls it answered with a non-zero grpc-status.
# Each run also records the CPU time (user + system) of the target's own processes per call — the agent's is not
# included for proxies — and a gateway with audit reports its group commits (records per commit, commit, lock-wait
# and append milliseconds) in its stats column.
#
# Usage: tests/bench/gateway.sh [--seconds 5] [--rounds 3] [--gateway-config FILE] [--header 'name: value']...
#   --gateway-config  an organization file for the gateway (default: one h2c local listener and the Echo agent).
#                     The script overrides Gateway:Listeners:Local:Url and Gateway:Agents:0:Endpoints:0 through
#                     environment variables, so the file's first agent must serve federatedagents.testing.Echo.
#   --header          an extra request header for every h2load run (e.g. an access token for the gateway).
# GATEWAY_VARIANTS (environment): space-separated NAME:FLAGS, FLAGS comma-separated options of `gateway-bench gateway`;
#   default "gateway: secured:--secured secured-nocache:--secured,--no-token-cache secured-noaudit:--secured,--no-audit":
#   the forwarding core alone; the whole security pipeline (token validation with its cache, Echo/Unary's policy —
#   scope echo:call, at most 2 actors —, egress filter, audit record appended durably before each status, SQLite in a
#   fresh data folder per variant); the same with every token verified (no cache); the same without audit.
#   Other flags: --digests (a stand-in audit observer, so payload SHA-256 is computed).
#   The secured variants are called on the local h2c listener (h2load has no client certificate), with a token from a
#   stand-in authority (`gateway-bench authority`), added to every h2load run as "authorization: Bearer …". Local
#   callers' responses do not leave the organization, so the egress filter only looks the method up there; partner
#   calls (mTLS) and their egress rewriting are measured by the EgressFilter micro-benchmarks, not here.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=5
rounds=3
gateway_config=""
headers=(-H "content-type: application/grpc" -H "te: trailers")
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --gateway-config) gateway_config="$(realpath "$2")"; shift 2 ;;
    --header) headers+=(-H "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
read -r -a variants <<<"${GATEWAY_VARIANTS:-gateway: secured:--secured secured-nocache:--secured,--no-token-cache secured-noaudit:--secured,--no-audit}"

# Server GC as in any ASP.NET Core host (the bench hosts are console apps, whose default is workstation GC).
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_gcServer=1 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
work="$(mktemp -d /tmp/fa-gateway-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { # below the ephemeral range, so no outgoing connection holds it
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

wait_port() {
  for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  fail "nothing listens on port $1"
}

start() { # name command...
  local name="$1"; shift
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
}

cpu_ticks() { # target → CPU time (user + system, clock ticks) of its process and the processes it started (nginx workers)
  local pid="${pid_of[$1]}" total=0 child
  for child in "$pid" $(pgrep -P "$pid"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat")))
  done
  echo "$total"
}

fail() {
  echo "$1" >&2
  tail -n 20 "$work"/*.log >&2
  exit 1
}

cd "$repo"
echo "== $(date -u +%FT%TZ) on $(nproc) cores; load: $(uptime | sed 's/.*load average: //'); processes not pinned; Server GC"
dotnet build -c Release tests/FederatedAgents.Benchmarks -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
bench=tests/FederatedAgents.Benchmarks/bin/Release/net10.0/FederatedAgents.Benchmarks

declare -A port stats_port pid_of
port[direct]=$(free_port); stats_port[direct]=${port[direct]}
start direct "$bench" gateway-bench agent "${port[direct]}"
wait_port "${port[direct]}"
agent_url="http://127.0.0.1:${port[direct]}"

port[forwarder]=$(free_port); stats_port[forwarder]=${port[forwarder]}
start forwarder "$bench" gateway-bench forwarder "${port[forwarder]}" "$agent_url"

port[nginx]=$(free_port)
mkdir -p "$work/nginx"
{
  ((EUID == 0)) && echo "user $(id -un);"
  cat <<NGINX
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  keepalive_requests 1000000000;
  upstream agent { server 127.0.0.1:${port[direct]}; keepalive 64; keepalive_requests 1000000000; }
  server {
    listen 127.0.0.1:${port[nginx]} http2;
    location / { grpc_pass grpc://agent; }
  }
}
NGINX
} >"$work/nginx/nginx.conf"
start nginx nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"

if [[ -z $gateway_config ]]; then
  gateway_config="$work/gateway.json"
  audience="https://gateway.bench.example"
  headers+=(-H "authorization: Bearer $("$bench" gateway-bench authority "$work/authority" "$audience")")
  cat >"$gateway_config" <<JSON
{ "Organization": { "Name": "bench", "DataDirectory": "$work/org" },
  "Storage": { "Provider": "sqlite" },
  "Gateway": {
    "Listeners": { "Local": { "Url": "http://127.0.0.1:0" } },
    "Agents": [ { "Name": "echo", "Endpoints": [ "$agent_url" ], "Services": [ "federatedagents.testing.Echo" ],
      "Methods": [ { "Name": "federatedagents.testing.Echo/Unary", "RequiredScopes": [ "echo:call" ], "MaxDelegationDepth": 2 } ] } ],
    "Security": { "Audience": "$audience",
      "Authority": { "Issuer": "https://auth.bench.example", "JwksFile": "$work/authority/authority.jwks" } } } }
JSON
fi

targets=(direct forwarder nginx)
for variant in "${variants[@]}"; do
  name="${variant%%:*}"
  IFS=, read -r -a flags <<<"${variant#*:}"
  port[$name]=$(free_port); stats_port[$name]=${port[$name]}
  targets+=("$name")
  Gateway__Listeners__Local__Url="http://127.0.0.1:${port[$name]}" Gateway__Agents__0__Endpoints__0="$agent_url" \
    Organization__DataDirectory="$work/org-$name" \
    start "$name" "$bench" gateway-bench gateway --config "$gateway_config" "${flags[@]}"
done
for target in "${targets[@]}"; do wait_port "${port[$target]}"; done

"$bench" gateway-bench body 12 "$work/body-12.bin"
"$bench" gateway-bench body 1024 "$work/body-1024.bin"

stats() { # port → "calls non-zero"
  curl -s --http2-prior-knowledge "http://127.0.0.1:$1/bench/stats"
}

results="$work/results.tsv"
declare -A requests
run() { # target size concurrency streams → appends a row; sizes later runs of the same target and shape
  local target="$1" size="$2" c="$3" m="$4" log="$work/h2load.log" out amount
  stats "${port[direct]}" >/dev/null
  [[ $target != direct && $target != nginx ]] && stats "${stats_port[$target]}" >/dev/null
  rm -f "$log"
  if [[ -n ${requests[$target $size $c]:-} ]]; then
    amount=(-n "${requests[$target $size $c]}")
  else
    amount=(-D 2 --warm-up-time=1)
  fi
  local ticks_before; ticks_before=$(cpu_ticks "$target")
  out="$(h2load "${amount[@]}" -c "$c" -m "$m" "${headers[@]}" -d "$work/body-$size.bin" \
    --log-file="$log" "http://127.0.0.1:${port[$target]}/federatedagents.testing.Echo/Unary" 2>&1)"
  local cpu_us rps succeeded failed p50 agent proxy="-"
  rps="$(sed -n 's/.*finished in [0-9.]*m\?s, \([0-9.]*\) req\/s.*/\1/p' <<<"$out")"
  cpu_us=$(( ($(cpu_ticks "$target") - ticks_before) * 1000000 / $(getconf CLK_TCK) ))
  succeeded="$(sed -n 's/.* \([0-9]*\) succeeded, \([0-9]*\) failed.*/\1/p' <<<"$out")"
  failed="$(sed -n 's/.* \([0-9]*\) succeeded, \([0-9]*\) failed.*/\2/p' <<<"$out")"
  p50="$(awk -F'\t' '{print $3}' "$log" | sort -n | awk '{v[NR]=$1} END {print (NR ? v[int((NR+1)/2)] : "nan")}')"
  agent="$(stats "${port[direct]}")"
  [[ $target != direct && $target != nginx ]] && proxy="$(stats "${stats_port[$target]}")"
  if [[ -z ${requests[$target $size $c]:-} ]]; then
    requests[$target $size $c]=$(python3 -c "print(max(${c}*${m}*10, int(float('${rps:-0}') * $seconds)))")
    return
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$size" "c$c-m$m" "${rps:-0}" "$p50" "${succeeded:-0}" "${failed:-0}" "$agent" "$proxy" "$round" "$(( ${succeeded:-0} > 0 ? cpu_us / succeeded : 0 ))" >>"$results"
}

: >"$results"
shapes=("12 16 8" "1024 16 8" "12 1 1" "1024 1 1")
round=warm-up
for shape in "${shapes[@]}"; do
  read -r size c m <<<"$shape"
  for target in "${targets[@]}"; do run "$target" "$size" "$c" "$m"; done
done
echo "warm-up done; load: $(uptime | sed 's/.*load average: //')"
for round in $(seq "$rounds"); do
  for shape in "${shapes[@]}"; do
    read -r size c m <<<"$shape"
    for target in "${targets[@]}"; do run "$target" "$size" "$c" "$m"; done
  done
  echo "round $round of $rounds done; load: $(uptime | sed 's/.*load average: //')"
done

echo "== raw rows (target size shape req/s p50-us ok failed agent:calls,non-zero proxy:calls,non-zero[,audit commits] round cpu-us/call)"
cat "$results"
python3 - "$results" "${targets[@]}" <<'PY'
import statistics, sys
rows = [line.rstrip('\n').split('\t') for line in open(sys.argv[1])]
targets = sys.argv[2:]
def med(target, size, shape, column):
    values = [float(r[column]) for r in rows if r[0] == target and r[1] == size and r[2] == shape]
    return statistics.median(values) if values else float('nan')
def table(title, header, names, cells):
    print(f"\n== {title}\n| {header} |\n|{'---|' * (header.count('|') + 1)}")
    for name in names:
        print(f"| {name} | " + " | ".join(cells(name, size) for size in ('12', '1024')) + " |")
throughput = lambda t, s: med(t, s, 'c16-m8', 3)
latency = lambda t, s: med(t, s, 'c1-m1', 4)
table("throughput, median req/s (-c16 -m8)", "target | 12 B | ÷ direct | 1 KiB | ÷ direct", targets,
      lambda t, s: f"{throughput(t, s):,.0f} | {throughput(t, s) / throughput('direct', s):.2f}")
cpu = lambda t, s: med(t, s, 'c16-m8', 10)
table("CPU per call of the target's own processes, median µs (-c16 -m8; the agent's share is not included for proxies)",
      "target | 12 B | ÷ nginx | 1 KiB | ÷ nginx", targets,
      lambda t, s: f"{cpu(t, s):.0f} | {cpu(t, s) / cpu('nginx', s):.2f}")
table("serial latency, median of the runs' p50 (-c1 -m1)", "target | 12 B µs | added to direct | 1 KiB µs | added to direct", targets,
      lambda t, s: f"{latency(t, s):.0f} | {latency(t, s) - latency('direct', s):+.0f}")
table("gateway throughput ratios (goals: ≥ 2 × nginx, ≥ 0.7 × forwarder; added serial p50 ≤ 150 µs)",
      "variant | 12 B ÷ nginx | 12 B ÷ forwarder | 1 KiB ÷ nginx | 1 KiB ÷ forwarder", targets[3:],
      lambda t, s: f"{throughput(t, s) / throughput('nginx', s):.2f} | {throughput(t, s) / throughput('forwarder', s):.2f}")
bad = [r for r in rows if r[6] != '0' or r[7].split(' ')[1] != '0' or (r[8] != '-' and r[8].split(' ')[1] != '0')]
print(f"\n== non-zero grpc-status (server side) or h2load failures: {len(bad)} run(s)" + ''.join(f"\n  {r}" for r in bad))
PY
echo "== done; load: $(uptime | sed 's/.*load average: //')"
