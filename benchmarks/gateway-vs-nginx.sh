#!/usr/bin/env bash
# GET through the gateway (JWT check, rate limit, circuit breaker) vs nginx proxying the same backend, in one run.
# Both forward GET /api/permit-types with the same Bearer token to the same application-service process (which checks
# the token itself in both cases); nginx only proxies. wrk drives both with the same threads, connections and
# duration; reported: requests/s, p50, p99 and the ratios gateway/nginx.
#
# Usage: benchmarks/gateway-vs-nginx.sh [seconds=30] [connections=16] [threads=2] [path=/api/permit-types]
# Uses the local stack at BENCH_OFFSET (default 2000) or starts one. Installs nginx and wrk (apt-get) if missing.
# nginx runs from its own prefix under benchmarks/target, on 127.0.0.1, and is stopped by PID at the end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SECONDS_RUN="${1:-30}"; CONNECTIONS="${2:-16}"; THREADS="${3:-2}"; REQ_PATH="${4:-/api/permit-types}"
WARMUP="${BENCH_WARMUP_SECONDS:-10}"
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
events { worker_connections 1024; }
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

run_wrk() { # label url seconds -> BENCH line
  timeout $(( $3 + 30 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3s" --timeout 5s --latency \
    -H "Authorization: Bearer $token" -s "$dir/report.lua" "$2" > "$dir/wrk-$1.txt" 2>&1
  grep '^BENCH' "$dir/wrk-$1.txt"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< " $1"; }

bench_log "warm-up: ${WARMUP}s each (JIT, connection pools)"
run_wrk warmup-gateway "$gateway_target" "$WARMUP" > /dev/null
run_wrk warmup-nginx "$nginx_target" "$WARMUP" > /dev/null
# A fresh token (Keycloak's lifetime is 5 minutes), then the measured runs, one after the other.
token="$(bench_token ani)"
load_before="$(bench_load)"
bench_log "measuring the gateway for ${SECONDS_RUN}s"
gw="$(run_wrk gateway "$gateway_target" "$SECONDS_RUN")"
load_gw="$(bench_load)"
bench_log "measuring nginx for ${SECONDS_RUN}s"
ng="$(run_wrk nginx "$nginx_target" "$SECONDS_RUN")"
load_ng="$(bench_load)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
gw_rps="$(field "$gw" rps)"; ng_rps="$(field "$ng" rps)"
gw_p99="$(field "$gw" p99_ms)"; ng_p99="$(field "$ng" p99_ms)"
gw_p50="$(field "$gw" p50_ms)"; ng_p50="$(field "$ng" p50_ms)"
rps_ratio="$(ratio "$gw_rps" "$ng_rps")"; p99_ratio="$(ratio "$gw_p99" "$ng_p99")"
for line in "$gw" "$ng"; do
  if [ "$(field "$line" non2xx)" != 0 ] || [ "$(field "$line" socket_errors)" != 0 ]; then
    bench_log "WARNING: errors during the run: $line"
  fi
done

rm -f "$BENCH_OUT/gateway-vs-nginx.env"
bench_figure gateway-vs-nginx gateway_rps "$gw_rps"; bench_figure gateway-vs-nginx nginx_rps "$ng_rps"
bench_figure gateway-vs-nginx gateway_p99 "$gw_p99"; bench_figure gateway-vs-nginx nginx_p99 "$ng_p99"
bench_figure gateway-vs-nginx rps_ratio "$rps_ratio"; bench_figure gateway-vs-nginx p99_ratio "$p99_ratio"
bench_figure gateway-vs-nginx load "$load_ng"
bench_section gateway-vs-nginx <<EOF
## Gateway (JWT check) vs nginx, same backend

\`GET $REQ_PATH\` ($body_bytes bytes of JSON) with the same \`Authorization: Bearer\` token (user \`ani\`), both
forwarded to the same application-service process on 127.0.0.1:$((8081 + BENCH_OFFSET)), which checks the token
itself either way. The gateway adds its own JWT check (signature, issuer, audience, expiry), the per-client rate
limit, \`X-Request-Id\`, the circuit breaker and time limiter. nginx $(nginx -v 2>&1 | sed 's/.*nginx\///')
(\`worker_processes auto\`, keepalive upstream) only proxies. wrk $(wrk -v 2>&1 | head -n1 | awk '{print $2}'): $THREADS threads, $CONNECTIONS connections,
${SECONDS_RUN} s each after ${WARMUP} s of warm-up each, one after the other; wrk, the proxy, the backend and the
store share the same $(nproc) cores.

| | requests/s | p50 ms | p99 ms | non-2xx | socket errors | load avg after |
|---|---:|---:|---:|---:|---:|---|
| gateway | $gw_rps | $gw_p50 | $gw_p99 | $(field "$gw" non2xx) | $(field "$gw" socket_errors) | $load_gw |
| nginx | $ng_rps | $ng_p50 | $ng_p99 | $(field "$ng" non2xx) | $(field "$ng" socket_errors) | $load_ng |
| **gateway / nginx** | **$rps_ratio** | $(ratio "$gw_p50" "$ng_p50") | **$p99_ratio** | | | |

Load average before the measured runs: $load_before. Raw wrk output: \`benchmarks/target/nginx-proxy/wrk-*.txt\`.
EOF
