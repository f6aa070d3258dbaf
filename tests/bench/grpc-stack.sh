#!/usr/bin/env bash
# Benchmark (not a test): unary echo through the gRPC stack (A) against bare Kestrel framing (B, the stack's
# floor), side by side in one run, with h2load over h2c as MEASURING.md asks:
#   - shapes: throughput -c16 -m8 and serial latency -c1 -m1, payloads 12 B and 1 KiB;
#   - per shape a discarded warm-up run per server, then rounds alternating A B A B A B; medians;
#   - DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0; pinning recorded (--pin: servers on CPU 0, load on CPU 1);
#   - non-OK grpc-status counted by the servers (h2load only sees HTTP status);
#   - next to req/s and latency: server CPU time per call (from /proc) and the median of paired A/B ratios,
#     which hold up better than raw req/s when other work shares the machine;
#   - then the stack's own client (GrpcChannel, 16 concurrent unary calls) against server A, next to
#     h2load -c1 -m16 (one connection, 16 streams) against the same server.
# Goals: A/B throughput >= 85 % at -c16 -m8; A serial latency within 10 % of B.
#
# Usage: bash tests/bench/grpc-stack.sh [--seconds N (default 5)] [--rounds N (default 3)] [--pin]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly repo_root
seconds=5
rounds=3
pin=false
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --pin) pin=true; shift ;;
    *) echo "grpc-stack.sh: unknown argument '$1'; use --seconds N, --rounds N, --pin" >&2; exit 2 ;;
  esac
done

for tool in h2load dotnet; do
  command -v "$tool" >/dev/null || { echo "grpc-stack.sh: $tool is missing (h2load: apt-get install nghttp2-client)" >&2; exit 2; }
done
if $pin; then
  command -v taskset >/dev/null || { echo "grpc-stack.sh: --pin needs taskset (util-linux)" >&2; exit 2; }
  server_cpu=(taskset -c 0)
  load_cpu=(taskset -c 1)
else
  server_cpu=()
  load_cpu=()
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building tests/FederatedAgents.Grpc.Bench (Release)..."
dotnet build -c Release -v q -nologo "$repo_root/tests/FederatedAgents.Grpc.Bench" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
bench=("$repo_root/tests/FederatedAgents.Grpc.Bench/bin/Release/net10.0/FederatedAgents.Grpc.Bench")
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0

declare -A pid_of
start_server() { # name kind
  "${server_cpu[@]}" "${bench[@]}" serve --kind "$2" --port 0 >"$work/$1.log" 2>&1 &
  pids+=($!)
  pid_of[$1]=$!
  for _ in $(seq 100); do
    grep -q '^listening on ' "$work/$1.log" && break
    sleep 0.1
  done
  grep -q '^listening on ' "$work/$1.log" || { echo "server $1 did not start:"; cat "$work/$1.log"; exit 1; }
}
url_of() { echo "$(sed -n 's/^listening on //p' "$work/$1.log")/federatedagents.testing.Echo/Unary"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${pid_of[$1]}/stat"; }
# The runtime's tiered-compilation threads as "tid ticks" lines: they work until the hot paths run fully
# optimized code. Such a thread may exit when idle and a new one start, so compare snapshots per thread id.
jit_snapshot() {
  local task
  for task in /proc/"${pid_of[$1]}"/task/*; do
    if grep -q '^\.NET Tiered' "$task/comm" 2>/dev/null; then
      sed 's/.*) //' "$task/stat" | awk -v tid="${task##*/}" '{ print tid, $12 + $13 }'
    fi
  done
}
# Ticks the tiered-compilation threads spent since a snapshot (given as $2).
jit_ticks_since() {
  jit_snapshot "$1" | awk -v before="$2" '
    BEGIN { n = split(before, lines, "\n"); for (i = 1; i <= n; i++) { split(lines[i], f, " "); start[f[1]] = f[2] } }
    { total += $2 - ($1 in start ? start[$1] : 0) }
    END { print total + 0 }'
}
readonly clock_ticks="$(getconf CLK_TCK)"

start_server A stack
start_server B bare
for payload in 12 1024; do
  "${bench[@]}" body --payload "$payload" >"$work/body-$payload.bin"
done

# Steady state first: JIT tiering takes many seconds on a busy 2-core machine and skews whichever server
# is still compiling. Load each server with every shape until one whole pass leaves its tiered-compilation
# thread idle (at most 12 passes); the per-shape warm-up runs below come on top.
warm_up() { # server
  local pass before shape payload
  for pass in $(seq 12); do
    before="$(jit_snapshot "$1")"
    for shape in "16 8" "1 1"; do
      for payload in 12 1024; do
        load "$1" "$payload" $shape 2 >/dev/null
      done
    done
    if (("$(jit_ticks_since "$1" "$before")" == 0)); then
      echo "  $1: steady after $pass warm-up passes"
      return
    fi
  done
  echo "  $1: warning: still compiling after $pass warm-up passes"
}

# h2load once; prints "<req/s> <mean request time in us> <failed requests> <server CPU us per call>".
# Server CPU time (user + system, from /proc) per completed call is less sensitive to other load than req/s.
load() { # server payload clients streams seconds
  local before after
  before="$(cpu_ticks "$1")"
  "${load_cpu[@]}" h2load -c"$3" -m"$4" -D "$5" -d "$work/body-$2.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' "$(url_of "$1")" >"$work/h2load.out" 2>&1
  after="$(cpu_ticks "$1")"
  awk -v ticks="$((after - before))" -v hz="$clock_ticks" '
      function us(v) { if (v ~ /ms$/) return v * 1000; if (v ~ /us$/) return v + 0; if (v ~ /s$/) return v * 1000000; return v }
      /^finished in/ { rps = $4 }
      /^requests:/ { done = $8; failed = $10 + $12 }
      /^time for request:/ { mean = us($6) }
      END { printf "%s %.0f %d %.2f\n", rps, mean, failed, done ? ticks * 1000000 / hz / done : 0 }' "$work/h2load.out"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "nan"; else printf "%.3f", a / b }'; }

echo "warm-up until JIT tiering is done ..."
warm_up A
warm_up B
declare -A jit_before
for server in A B; do jit_before[$server]="$(jit_snapshot "$server")"; done

# Per shape and server: medians of req/s, mean latency and CPU per call; per shape: the median of the
# ratios of adjacent A and B rounds (paired, so slow drifts in the machine's load cancel out).
declare -A result
failed_requests=0
for shape in "16 8" "1 1"; do
  read -r clients streams <<<"$shape"
  for payload in 12 1024; do
    key="c${clients}m${streams}-${payload}"
    echo "shape -c$clients -m$streams, payload $payload B: warm-up, then $rounds rounds A B ..."
    load A "$payload" "$clients" "$streams" "$seconds" >/dev/null
    load B "$payload" "$clients" "$streams" "$seconds" >/dev/null
    : >"$work/A.$key"; : >"$work/B.$key"; : >"$work/pairs.$key"
    for _ in $(seq "$rounds"); do
      for server in A B; do
        read -r rps mean failed cpu <<<"$(load "$server" "$payload" "$clients" "$streams" "$seconds")"
        echo "$rps $mean $cpu" >>"$work/$server.$key"
        failed_requests=$((failed_requests + failed))
        echo "  $server: $rps req/s, mean $mean us, server CPU $cpu us/call"
      done
      read -r rps_a mean_a _ < <(tail -n1 "$work/A.$key")
      read -r rps_b mean_b _ < <(tail -n1 "$work/B.$key")
      echo "$(ratio "$rps_a" "$rps_b") $(ratio "$mean_a" "$mean_b")" >>"$work/pairs.$key"
    done
    for server in A B; do
      result[$server.$key.rps]="$(cut -d' ' -f1 "$work/$server.$key" | median)"
      result[$server.$key.us]="$(cut -d' ' -f2 "$work/$server.$key" | median)"
      result[$server.$key.cpu]="$(cut -d' ' -f3 "$work/$server.$key" | median)"
    done
    result[pair.$key.rps]="$(cut -d' ' -f1 "$work/pairs.$key" | median)"
    result[pair.$key.us]="$(cut -d' ' -f2 "$work/pairs.$key" | median)"
  done
done

declare -A jit_during
for server in A B; do jit_during[$server]=$(($(jit_ticks_since "$server" "${jit_before[$server]}") * 1000 / clock_ticks)); done

echo "stack client (GrpcChannel, 16 concurrent unary calls, 12 B) against A; then h2load -c1 -m16 against A"
client_out="$("${load_cpu[@]}" "${bench[@]}" client --address "$(sed -n 's/^listening on //p' "$work/A.log")" \
  --concurrency 16 --seconds "$seconds" --rounds "$rounds" --payload 12)"
echo "$client_out" | sed 's/^/  /'
client_rps="$(echo "$client_out" | sed -n 's/^median: \([0-9.]*\) calls\/s/\1/p')"
load A 12 1 16 "$seconds" >/dev/null
: >"$work/h2load-c1m16"
for _ in $(seq "$rounds"); do load A 12 1 16 "$seconds" | cut -d' ' -f1 >>"$work/h2load-c1m16"; done
h2load_c1m16="$(median <"$work/h2load-c1m16")"

for pid in "${pids[@]}"; do kill -TERM "$pid"; done
wait
pids=()

percent() { awk -v r="$1" 'BEGIN { if (r == "nan") print "n/a"; else printf "%.1f %%", 100 * r }'; }
row() { # label key metric
  local a="${result[A.$2.$3]}" b="${result[B.$2.$3]}"
  printf '%-22s %11s %11s %8s %11s %10s %10s %8s\n' "$1" "$a" "$b" "$(percent "$(ratio "$a" "$b")")" \
    "$(percent "${result[pair.$2.$3]}")" "${result[A.$2.cpu]}" "${result[B.$2.cpu]}" "$(percent "$(ratio "${result[B.$2.cpu]}" "${result[A.$2.cpu]}")")"
}
echo
echo "== gRPC stack (A) vs bare Kestrel framing (B), h2c, medians of $rounds alternating rounds of ${seconds}s =="
printf '%-22s %11s %11s %8s %11s %10s %10s %8s\n' "shape" "A" "B" "A/B" "paired A/B" "A CPU us" "B CPU us" "B/A CPU"
row "-c16 -m8 12 B req/s" c16m8-12 rps
row "-c16 -m8 1 KiB req/s" c16m8-1024 rps
row "-c1 -m1 12 B mean us" c1m1-12 us
row "-c1 -m1 1 KiB mean us" c1m1-1024 us
echo "CPU us = server CPU time (user + system) per completed call; B/A CPU is the throughput ratio a CPU-bound server would reach."
echo "goals: throughput A/B >= 85 %; serial latency A/B <= 110 %"
echo
printf 'stack client, 16 concurrent, 12 B: %s calls/s; h2load -c1 -m16 against the same server: %s req/s (%s)\n' \
  "$client_rps" "$h2load_c1m16" "$(percent "$(ratio "$client_rps" "$h2load_c1m16")")"
echo "server-side counts (non-OK grpc-status): A $(tail -n1 "$work/A.log"); B $(tail -n1 "$work/B.log")"
echo "h2load failed or errored requests: $failed_requests"
echo "tiered JIT CPU during the measured rounds: A ${jit_during[A]} ms, B ${jit_during[B]} ms (0 = steady state)"
echo "pinned with taskset: $pin; DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=$DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"
echo "load: $(uptime)"
