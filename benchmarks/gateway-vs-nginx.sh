#!/usr/bin/env bash
# GET through the gateway (JWT check, rate limit, concurrency limit, circuit breaker) vs nginx proxying the same
# backend, in one run, at several concurrency levels. Both forward GET /api/permit-types with the same Bearer token
# to the same application-service process (which checks the token itself in both cases); nginx only proxies. wrk
# drives both with the same threads, connections and duration, gateway and nginx alternating, BENCH_RUNS times
# (default 3) per connection count; reported per connection count: the median and the spread (min-max) of
# requests/s and p99, the non-2xx answers and socket errors summed over the runs, and the ratios gateway/nginx of
# the medians.
#
# Usage: benchmarks/gateway-vs-nginx.sh [seconds=30] [connections=1,16,64,256] [threads=2] [path=/api/permit-types]
# Uses the local stack at BENCH_OFFSET (default 2000) or starts one. Installs nginx and wrk (apt-get) if missing.
# nginx runs from its own prefix under benchmarks/target, on 127.0.0.1, and is stopped by PID at the end.
# The headline figures (gateway_rps, nginx_rps, rps_ratio, ...) are those at 64 connections, or at the largest
# count measured below 64 if 64 is not in the list.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SECONDS_RUN="${1:-30}"; CONNECTION_LIST="${2:-1,16,64,256}"; THREADS="${3:-2}"; REQ_PATH="${4:-/api/permit-types}"
WARMUP="${BENCH_WARMUP_SECONDS:-10}"; RUNS="${BENCH_RUNS:-3}"
IFS=, read -r -a CONNECTIONS <<< "$CONNECTION_LIST"
bench_install_tools nginx wrk curl jq
stack_ensure

dir="$REPO_ROOT/benchmarks/target/nginx-proxy"
rm -rf "$dir"; mkdir -p "$dir/logs" "$dir/tmp"
nginx_port="$(bench_free_port)"
user_line=""; [ "$(id -u)" -eq 0 ] && user_line="user root root;"   # workers as the current user, not nobody
cat > "$dir/nginx.conf" <<EOF
$user_line
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi; uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  upstream backend { server 127.0.0.1:$((8081 + BENCH_OFFSET)); keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
    }
  }
}
EOF
nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' > "$dir/logs/stdout.log" 2>&1 &
nginx_pid=$!
bench_track "$nginx_pid"
for _ in $(seq 50); do [ "$(bench_http_status "http://127.0.0.1:$nginx_port/actuator/health")" != 000 ] && break; sleep 0.1; done
kill -0 "$nginx_pid" || { cat "$dir/logs/"*; exit 1; }

cat > "$dir/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / summary.duration * 1e6, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
EOF

token="$(bench_token ani)"
[ -n "$token" ] && [ "$token" != null ] || { echo "no token from $TOKEN_ENDPOINT" >&2; exit 1; }
gateway_target="$GATEWAY_URL$REQ_PATH"
nginx_target="http://127.0.0.1:$nginx_port$REQ_PATH"
for target in "$gateway_target" "$nginx_target"; do
  status="$(curl -s -o "$dir/check.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$target")"
  [ "$status" = 200 ] || { echo "GET $target answered $status: $(head -c 300 "$dir/check.json")" >&2; exit 1; }
done
body_bytes="$(wc -c < "$dir/check.json")"

run_wrk() { # label url seconds connections -> BENCH line
  local threads=$THREADS
  ((threads > $4)) && threads=$4
  timeout $(( $3 + 30 )) wrk -t"$threads" -c"$4" -d"$3s" --timeout 5s --latency \
    -H "Authorization: Bearer $token" -s "$dir/report.lua" "$2" > "$dir/wrk-$1.txt" 2>&1
  grep '^BENCH' "$dir/wrk-$1.txt" || echo "BENCH rps=0 p50_ms=0 p99_ms=0 non2xx=0 socket_errors=0 failed=1"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< " $1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

bench_log "warm-up: ${WARMUP}s each (JIT, connection pools)"
run_wrk warmup-gateway "$gateway_target" "$WARMUP" 16 > /dev/null
run_wrk warmup-nginx "$nginx_target" "$WARMUP" 16 > /dev/null
load_before="$(bench_load)"
rm -f "$BENCH_OUT/gateway-vs-nginx.env"
headline=""
for c in "${CONNECTIONS[@]}"; do ((c <= 64)) && headline=$c; done
[ -n "$headline" ] || headline="${CONNECTIONS[0]}"
rows=""
for c in "${CONNECTIONS[@]}"; do
  gw_rps=(); ng_rps=(); gw_p99=(); ng_p99=(); gw_p50=(); ng_p50=(); gw_bad=(); ng_bad=(); gw_sock=(); ng_sock=()
  for run in $(seq "$RUNS"); do
    # A fresh token before each pair of runs (Keycloak's lifetime is 5 minutes).
    token="$(bench_token ani)"
    bench_log "$c connections, run $run/$RUNS: the gateway for ${SECONDS_RUN}s, then nginx"
    gw="$(run_wrk "gateway-c$c-r$run" "$gateway_target" "$SECONDS_RUN" "$c")"
    ng="$(run_wrk "nginx-c$c-r$run" "$nginx_target" "$SECONDS_RUN" "$c")"
    gw_rps+=("$(field "$gw" rps)"); ng_rps+=("$(field "$ng" rps)")
    gw_p50+=("$(field "$gw" p50_ms)"); ng_p50+=("$(field "$ng" p50_ms)")
    gw_p99+=("$(field "$gw" p99_ms)"); ng_p99+=("$(field "$ng" p99_ms)")
    gw_bad+=("$(field "$gw" non2xx)"); ng_bad+=("$(field "$ng" non2xx)")
    gw_sock+=("$(field "$gw" socket_errors)"); ng_sock+=("$(field "$ng" socket_errors)")
    bench_log "  gateway: $gw"; bench_log "  nginx:   $ng"
  done
  g_rps="$(bench_median "${gw_rps[@]}")"; n_rps="$(bench_median "${ng_rps[@]}")"
  g_p99="$(bench_median "${gw_p99[@]}")"; n_p99="$(bench_median "${ng_p99[@]}")"
  g_p50="$(bench_median "${gw_p50[@]}")"; n_p50="$(bench_median "${ng_p50[@]}")"
  g_bad="$(bench_sum "${gw_bad[@]}")"; n_bad="$(bench_sum "${ng_bad[@]}")"
  g_sock="$(bench_sum "${gw_sock[@]}")"; n_sock="$(bench_sum "${ng_sock[@]}")"
  load_now="$(bench_load)"
  bench_figure gateway-vs-nginx "gateway_rps_c$c" "$g_rps"; bench_figure gateway-vs-nginx "nginx_rps_c$c" "$n_rps"
  bench_figure gateway-vs-nginx "gateway_p99_c$c" "$g_p99"; bench_figure gateway-vs-nginx "nginx_p99_c$c" "$n_p99"
  bench_figure gateway-vs-nginx "rps_ratio_c$c" "$(ratio "$g_rps" "$n_rps")"
  bench_figure gateway-vs-nginx "gateway_non2xx_c$c" "$g_bad"; bench_figure gateway-vs-nginx "nginx_non2xx_c$c" "$n_bad"
  if [ "$c" = "$headline" ]; then
    bench_figure gateway-vs-nginx gateway_rps "$g_rps"; bench_figure gateway-vs-nginx nginx_rps "$n_rps"
    bench_figure gateway-vs-nginx gateway_p99 "$g_p99"; bench_figure gateway-vs-nginx nginx_p99 "$n_p99"
    bench_figure gateway-vs-nginx rps_ratio "$(ratio "$g_rps" "$n_rps")"
    bench_figure gateway-vs-nginx p99_ratio "$(ratio "$g_p99" "$n_p99")"
    bench_figure gateway-vs-nginx connections "$c"
    bench_figure gateway-vs-nginx load "$load_now"
  fi
  rows+="| $c | gateway | $g_rps ($(bench_spread "${gw_rps[@]}")) | $g_p50 | $g_p99 ($(bench_spread "${gw_p99[@]}")) | $g_bad | $g_sock | |
| $c | nginx | $n_rps ($(bench_spread "${ng_rps[@]}")) | $n_p50 | $n_p99 ($(bench_spread "${ng_p99[@]}")) | $n_bad | $n_sock | |
| $c | **gateway / nginx** | **$(ratio "$g_rps" "$n_rps")** | $(ratio "$g_p50" "$n_p50") | **$(ratio "$g_p99" "$n_p99")** | | | $load_now |
"
  if [ "$g_bad" != 0 ] || [ "$g_sock" != 0 ] || [ "$n_bad" != 0 ] || [ "$n_sock" != 0 ]; then
    bench_log "WARNING: errors at $c connections (gateway non-2xx $g_bad, socket $g_sock; nginx $n_bad, $n_sock)"
  fi
done
load_after="$(bench_load)"

bench_section gateway-vs-nginx <<EOF
## Gateway (JWT check) vs nginx, same backend, by concurrency

\`GET $REQ_PATH\` ($body_bytes bytes of JSON) with the same \`Authorization: Bearer\` token (user \`ani\`), both
forwarded to the same application-service process on 127.0.0.1:$((8081 + BENCH_OFFSET)), which checks the token
itself either way. The gateway adds its own JWT check (signature, issuer, audience, expiry), the per-client rate
limit, \`X-Request-Id\`, the per-route concurrency limit, the circuit breaker and time limiter. nginx
$(nginx -v 2>&1 | sed 's/.*nginx\///') (\`worker_processes auto\`, keepalive upstream) only proxies. wrk
$(wrk -v 2>&1 | head -n1 | awk '{print $2}'): $THREADS threads (at most one per connection), ${SECONDS_RUN} s per run
after ${WARMUP} s of warm-up each; per connection count $RUNS runs, gateway and nginx alternating. Figures: the median
over the runs, the spread (min–max) in brackets; non-2xx answers and socket errors are summed over the runs. wrk,
the proxy, the backend and the store share the same $(nproc) cores.

| connections | | requests/s median (spread) | p50 ms | p99 ms median (spread) | non-2xx | socket errors | load avg after |
|---:|---|---:|---:|---:|---:|---:|---|
$rows
Load average before the measured runs: $load_before; after: $load_after. Headline figures (results table): $headline
connections. Raw wrk output: \`benchmarks/target/nginx-proxy/wrk-*.txt\`.
EOF
