#!/usr/bin/env bash
# Appends/s (1 and 16 concurrent appenders, with the durability guarantee) and verify throughput for the
# audit log on SQLite and on a private, throw-away PostgreSQL server; then the BenchmarkDotNet classes
# for hashing, inclusion proofs at 1M records, verification, and receipts and checkpoints (EvidenceBenchmarks).
# Run from anywhere; takes several minutes.
# Extra arguments go to the store run (--seconds N --rounds N --verify-records N: the log size both stores verify,
# default 200000); BDN_ARGS to BenchmarkDotNet (e.g. "--job short"); SKIP_BDN=1 skips BenchmarkDotNet. The 1M-record
# log for the proof benchmark is built once under $TMPDIR. The PostgreSQL server gets shared_buffers=512MB, so the
# log verified fits its cache (the 128 MB default does not hold 200,000 records).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
pg_bin=/usr/lib/postgresql/15/bin
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0

pg_dir="$(mktemp -d /tmp/fa-bench-pg.XXXXXX)"
chown postgres "$pg_dir"
port=56432
while ss -ltn | grep -q ":$port "; do port=$((port + 1)); done
stop_pg() { runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U fa >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" -l "$pg_dir/log" start >/dev/null
runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U fa fa_audit_bench

cd "$repo"
dotnet build -c Release tests/FederatedAgents.Benchmarks >/dev/null
bench=tests/FederatedAgents.Benchmarks/bin/Release/net10.0/FederatedAgents.Benchmarks
"$bench" audit-store --postgres "Host=127.0.0.1;Port=$port;Username=fa;Database=fa_audit_bench" "$@"
if [[ "${SKIP_BDN:-}" != 1 ]]; then
  # shellcheck disable=SC2086 # BDN_ARGS is a list of options
  "$bench" --filter '*MerkleHashingBenchmarks*' '*InclusionProofBenchmarks*' '*VerifyBenchmarks*' '*EvidenceBenchmarks*' ${BDN_ARGS:-}
fi
