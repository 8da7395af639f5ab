#!/usr/bin/env bash
# 50 MiB upload throughput of document-service with its heap capped at -Xmx256m, vs nginx receiving the same
# multipart request and writing the body to disk. One Java client (HttpClient, body streamed from a file) sends both;
# document-service runs as its own process against an in-process Kafka broker, the MongoDB-wire store (GridFS) and
# a stub of application-service (document-service/src/test/java/org/satupintu/document/UploadBenchmark.java).
# Usage: benchmarks/upload-vs-nginx.sh [sizeMb=50] [rounds=3] [xmx=256m]. Does not need the local stack.
# nginx runs from its own prefix under benchmarks/target, on 127.0.0.1, and is stopped by PID at the end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SIZE_MB="${1:-50}"; ROUNDS="${2:-3}"; XMX="${3:-256m}"
bench_install_tools nginx
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q -o -pl document-service -am -DskipTests install
fi
./mvnw -B -q -o -pl document-service test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt

dir="$REPO_ROOT/benchmarks/target/nginx-upload"
rm -rf "$dir"; mkdir -p "$dir/logs" "$dir/tmp" "$dir/bodies"
bench_on_exit "rm -rf '$dir/bodies'"
port="$(bench_free_port)"
user_line=""; [ "$(id -u)" -eq 0 ] && user_line="user root root;"
cat > "$dir/nginx.conf" <<CONF
$user_line
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dir/bodies; proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi; uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    # The whole request body is written to a file under bodies/ and kept; the answer names the file.
    location = /api/documents {
      client_max_body_size 200m;
      client_body_in_file_only on;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Body-File \$request_body_file;
      proxy_pass http://127.0.0.1:$port/stored;
    }
    location = /stored { return 201 '{"stored":"\$http_x_body_file"}'; }
  }
}
CONF
nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' > "$dir/logs/stdout.log" 2>&1 &
nginx_pid=$!
bench_track "$nginx_pid"
for _ in $(seq 50); do [ "$(bench_http_status "http://127.0.0.1:$port/stored")" = 201 ] && break; sleep 0.1; done
kill -0 "$nginx_pid" || { cat "$dir/logs/"*; exit 1; }

load_before="$(bench_load)"
bench_log "uploads: ${SIZE_MB} MiB x $ROUNDS to document-service (-Xmx$XMX), then to nginx"
jfr_client="$BENCH_OUT/upload-client.jfr"; jfr_service="$BENCH_OUT/upload-service.jfr"; rm -f "$jfr_client" "$jfr_service"
timeout 900 "$JAVA_HOME/bin/java" -Xmx1g $(bench_jfr_option) \
  -cp "document-service/target/test-classes:$(cat document-service/target/bench-classpath.txt)" \
  org.satupintu.document.UploadBenchmark "$SIZE_MB" "$ROUNDS" "$XMX" document-service/target/document-service.jar \
  "http://127.0.0.1:$port" > "$BENCH_OUT/upload-raw.txt" 2>&1 || { tail -n 60 "$BENCH_OUT/upload-raw.txt"; exit 1; }
grep -E '^(document-service pid|warm-up|peer warm-up|upload|peer upload|cpu during|download|peak heap|largest heap|document-service RSS|RESULT)' \
  "$BENCH_OUT/upload-raw.txt" | tee "$BENCH_OUT/upload.txt"
load_after="$(bench_load)"
largest_body="$(find "$dir/bodies" -type f -printf '%s\n' | sort -n | tail -n1)"
r="$(grep '^RESULT' "$BENCH_OUT/upload.txt")"
f() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $r"; }
ratio="$(awk -v a="$(f service_mbps)" -v b="$(f peer_mbps)" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')"
rm -f "$BENCH_OUT/upload.env"
bench_figure upload service_mbps "$(f service_mbps)"; bench_figure upload nginx_mbps "$(f peer_mbps)"
bench_figure upload ratio "$ratio"; bench_figure upload load "$load_after"
bench_section upload <<MD
## ${SIZE_MB} MiB upload: document-service (-Xmx$XMX) vs nginx to disk

The same multipart \`POST /api/documents\` (a ${SIZE_MB} MiB PDF-like file, streamed from disk by one Java
HttpClient), $ROUNDS times each after a 5 MiB warm-up, one at a time. document-service (own JVM, \`-Xmx$XMX
-XX:+UseSerialGC\`) parses the multipart stream, hashes (SHA-256), detects the type (Tika) and writes into GridFS of
the MongoDB-wire store (file-backed); nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') writes the request body to a file
(\`client_body_in_file_only\`; largest body file: ${largest_body:-?} bytes) and answers 201. Median of the rounds.

| | MB/s (median) |
|---|---:|
| document-service -Xmx$XMX | $(f service_mbps) |
| nginx to disk | $(f peer_mbps) |
| **document-service / nginx** | **$ratio** |

$(grep -E '^(upload|peer upload|cpu during|download|peak heap|largest heap|document-service RSS)' "$BENCH_OUT/upload.txt" | sed 's/; log .*//; s/^/    /')


Load average before: $load_before; after: $load_after.
$(if [ "${BENCH_JFR:-}" = 1 ]; then
  echo
  echo "### Where the CPU goes (JDK Flight Recorder, BENCH_JFR=1)"
  echo
  echo "Two recordings of document-service's $ROUNDS measured uploads (not the warm-up, download or nginx): the"
  echo "service's JVM, and the benchmark's JVM, which holds the HTTP client and the MongoDB-wire store (in memory)."
  echo
  bench_jfr_summary "document-service (-Xmx$XMX)" "$jfr_service"
  bench_jfr_summary "benchmark JVM: client and store" "$jfr_client"
fi)
MD
# A profiling run (BENCH_JFR=1) on its own is published: results/upload-profile-<yyyy-mm-dd>.md.
if [ "${BENCH_JFR:-}" = 1 ] && [ -z "${BENCH_RUN_ALL:-}" ]; then
  cp "$BENCH_OUT/upload.md" "$BENCH_OUT/upload-profile.md"
  bench_publish upload-profile "BENCH_JFR=1 benchmarks/upload-vs-nginx.sh $*" "$load_before"
fi
