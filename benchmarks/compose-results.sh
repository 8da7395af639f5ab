#!/usr/bin/env bash
# Writes the dated results file from the sections of one run (run-all.sh calls it at the end). Rerun it by hand after
# repeating one step into the same run directory, e.g.
#   BENCH_OUT=benchmarks/target/run-<stamp> BENCH_SKIP_BUILD=1 benchmarks/startup.sh
#   benchmarks/compose-results.sh benchmarks/target/run-<stamp>
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BENCH_OUT="$(cd "$1" && pwd)"
# shellcheck disable=SC1091
source "$BENCH_OUT/meta.env"
failed=()
for n in startup latency gateway-vs-nginx create-submit upload fanout; do
  if [ ! -f "$BENCH_OUT/$n.md" ] || head -n1 "$BENCH_OUT/$n.md" | grep -q ': failed\|: not run'; then failed+=("$n"); fi
done
v() { # name key -> value or "–"
  local line
  line="$(grep -m1 "^$2=" "$BENCH_OUT/$1.env" 2>/dev/null || true)"
  [ -n "$line" ] && echo "${line#*=}" || echo "–"
}
mkdir -p "$(dirname "$results")"
{
  echo "# SatuPintu benchmarks, $run_date"
  echo
  echo "- **Run:** $started_at, \`$command_line\`, commit \`$commit\`${steps_rerun:+; $steps_rerun}."
  echo "- **Machine:** $(bench_machine)."
  echo "- **Load average (1/5/15 min)** at the start: $load_start; when this file was written: $(bench_load)."
  if [ "${BENCH_SHARED:-}" = 1 ]; then
    echo "  The machine was shared with other builds and tests during the run (BENCH_SHARED=1), so absolute figures"
    echo "  are low and noisy; the ratios compare two systems measured back to back under the same conditions."
  else
    echo "  Run alone: no build, test or other benchmark at the same time. The load generator, the proxies and the"
    echo "  whole stack still share the machine's cores, so every figure includes them."
  fi
  echo "- Everything on 127.0.0.1; local stack at port offset $offset; $(( ${#failed[@]} )) step(s) failed${failed[*]:+: ${failed[*]}}."
  echo
  echo "| benchmark | SatuPintu | peer | ratio SatuPintu / peer | load avg after |"
  echo "|---|---:|---:|---:|---|"
  echo "| GET /api/permit-types, requests/s at $(v gateway-vs-nginx connections) connections (median of the runs): gateway (JWT) vs nginx, same backend | $(v gateway-vs-nginx gateway_rps) | $(v gateway-vs-nginx nginx_rps) | $(v gateway-vs-nginx rps_ratio) | $(v gateway-vs-nginx load) |"
  echo "| GET /api/permit-types, p99 ms at $(v gateway-vs-nginx connections) connections: gateway (JWT) vs nginx | $(v gateway-vs-nginx gateway_p99) | $(v gateway-vs-nginx nginx_p99) | $(v gateway-vs-nginx p99_ratio) | |"
  echo "| create+submit through the gateway, pairs/s ($create_seconds s, $create_connections connections) | $(v create-submit pairs_per_second) | | | $(v create-submit load) |"
  echo "| create+submit, p50 / p99 ms per pair | $(v create-submit p50_ms) / $(v create-submit p99_ms) | | | |"
  echo "| submit -> in-app notification, p50 / p99 ms, one at a time | $(v latency inapp_p50_ms) / $(v latency inapp_p99_ms) | | | $(v latency load) |"
  echo "| submit -> in-app notification, p50 / p99 ms, $(v latency concurrency) concurrent submitters | $(v latency c_inapp_p50_ms) / $(v latency c_inapp_p99_ms) | | | |"
  echo "| submit -> webhook received, p50 / p99 ms, one at a time / concurrent | $(v latency webhook_p50_ms) / $(v latency webhook_p99_ms), $(v latency c_webhook_p50_ms) / $(v latency c_webhook_p99_ms) | | | |"
  echo "| notification fan-out, in-app notifications/s (events/s) | $(v fanout in_app_per_second) ($(v fanout events_per_second)) | | | $(v fanout load) |"
  echo "| $upload_mb MiB upload, MB/s: document-service -Xmx$upload_xmx vs nginx to disk | $(v upload service_mbps) | $(v upload nginx_mbps) | $(v upload ratio) | $(v upload load) |"
  echo "| whole stack start, s: cold / warm | $(v startup cold_stack_s) / $(v startup warm_stack_s) | | | $(v startup cold_load) / $(v startup warm_load) |"
  for m in gateway application-service document-service notification-service; do
    echo "| $m ready s (cold / warm), RSS MiB at ready (warm) | $(v startup "cold_${m}_ready_s") / $(v startup "warm_${m}_ready_s"), $(v startup "warm_${m}_rss_mib") MiB | | | |"
  done
  echo "| RSS of the whole stack at ready, MiB (warm) | $(v startup warm_total_rss_mib) | | | |"
  echo
  for n in gateway-vs-nginx create-submit latency fanout upload startup rss-after-load; do
    if [ -f "$BENCH_OUT/$n.md" ]; then cat "$BENCH_OUT/$n.md"; echo; fi
  done
  echo "## How to rerun"
  echo
  echo "\`benchmarks/run-all.sh\` (all of the above, this file), or one script at a time: see \`benchmarks/README.md\`."
} > "$results.tmp"
mv "$results.tmp" "$results"
bench_log "results: $results"
cat "$results"
