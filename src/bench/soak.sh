# The soak (issue 8 item 14), sourced by `src/bench/run --soak [--minutes N]` once the packaged
# service answers (run's variables and functions: URL, APP_PID, LOGS, sql, pg_start, busy_*, ...).
#
# 1. Saturation: wrk, closed loop (-t2 -c$CONNECTIONS, 30 s after 15 s of warm-up) over the mix
#    below; the soak's rate is half of its requests/s.
# 2. Phase 1: N minutes at that rate, open loop (SoakLoad.java: requests at fixed times, latency
#    from the time each was due); per minute: requests, errors, p50/p99/max, statuses, the service's
#    RSS, the load average and the CPU share of processes outside the benchmark.
# 3. Phase 2: the same, with the PostgreSQL cluster stopped half-way (pg_ctl stop -m fast) and
#    started again SOAK_OUTAGE seconds later; the service is not touched.
# Pass criteria, printed and written to src/bench/SOAK.md:
#   - phase 1: no error (every answer has its expected status, no timeout, no I/O error);
#   - both phases: RSS at the end <= 1.10 x RSS after the warm-up (the end of minute 1);
#   - phase 2: every error is a 503 answered between the stop and SOAK_RECOVERY seconds after the
#     cluster accepts connections again, and answers are right again after that, with the same
#     service process (no restart).
SOAK_OUTAGE=${SOAK_OUTAGE:-20}
SOAK_RECOVERY=5
SATURATION_SECONDS=30

# A private project for the mix (the benchmark's projects are public), added once and kept; the
# token's group makes its caller a viewer (auth.md A8). Outside run's data checksum, so adding it
# does not rebuild the database.
PRIVATE=bench-private
if [ -z "$(sql "$BENCH_DB" -c "SELECT 1 FROM project WHERE slug = '$PRIVATE'")" ]; then
    log "soak: adding the private project $PRIVATE (1,000 jobs)"
    sql "$BENCH_DB" -1 -v slug=$PRIVATE -v from=1 -v to=1000 \
        -c "INSERT INTO project (uuid, organization_uuid, name, slug, visibility, created, modified)
            VALUES (md5('project-$PRIVATE')::uuid, '0190f7a1-aaaa-7bbb-8ccc-ddddeeeeffff', '$PRIVATE', '$PRIVATE',
                    'private', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')" \
        -f src/bench/jobs.sql
fi
SOAK_TOKEN=$(src/bench/token src/test/resources/jwt/private-key.pem https://auth.example.test \
    "[\"project:$(uuid_of $PRIVATE):viewer\"]" $((SOAK_MINUTES * 120 + 3600)))

# The mix, in rotation: "EXPECTED_STATUS [auth] PATH" (auth: with the token).
SOAK_MIX=(
    "200 /v0/projects/bench-1m/jobs?per_page=$PER_PAGE"
    "200 /v0/projects/bench-1m/jobs?page=$DEEP_PAGE&per_page=$PER_PAGE"
    "200 /v0/projects/bench-1m/jobs?status=failed&per_page=$PER_PAGE"
    "200 auth /v0/projects/bench-1k/jobs/$VIEW_JOB"
    "200 auth /v0/projects/$PRIVATE/jobs?per_page=$PER_PAGE"
    "404 /v0/projects/bench-missing/jobs?per_page=$PER_PAGE"
)
WRK_PATHS=()
for request in "${SOAK_MIX[@]}"; do
    read -r expected auth path <<<"$request"
    curl_auth=()
    if [ -n "$path" ]; then
        WRK_PATHS+=("auth:$path")
        curl_auth=(-H "Authorization: Bearer $SOAK_TOKEN")
    else
        path=$auth
        WRK_PATHS+=("$path")
    fi
    got=$(curl -sS -o /dev/null -w '%{http_code}' "${curl_auth[@]}" "$URL$path")
    [ "$got" = "$expected" ] || die "soak request $path answers $got, not $expected"
done
log "soak: every request of the mix answers its expected status"

sample() {   # sets RSS_KB (the service's VmRSS) and LOAD (1-minute load average)
    RSS_KB=$(awk '/^VmRSS/{print $2}' "/proc/$APP_PID/status" 2>/dev/null || true)
    [ -n "$RSS_KB" ] || die "the service (pid $APP_PID) is gone; log: $LOGS/service.log"
    LOAD=$(cut -d' ' -f1 /proc/loadavg)
}
now_ms() { date +%s%3N; }
sleep_until() {   # sleep_until EPOCH_MS
    local ms=$(($1 - $(now_ms)))
    if [ "$ms" -gt 0 ]; then sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"; fi
}
wait_for_quiet
SOAK_LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

log "soak: saturation, wrk -t2 -c$CONNECTIONS over the mix for $SATURATION_SECONDS s after 15 s of warm-up"
wrk -t2 -c"$CONNECTIONS" -d15s -s src/bench/mix.lua "$URL/" "$SOAK_TOKEN" "${WRK_PATHS[@]}" >/dev/null 2>&1 || true
busy_begin
wrk -t2 -c"$CONNECTIONS" -d${SATURATION_SECONDS}s --timeout 10s --latency -s src/bench/mix.lua "$URL/" "$SOAK_TOKEN" \
    "${WRK_PATHS[@]}" >"$LOGS/soak-saturation.txt" 2>&1 || true
busy_end soak-saturation
SATURATION_RPS=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' "$LOGS/soak-saturation.txt")
[ -n "$SATURATION_RPS" ] || die "wrk gave no result; see $LOGS/soak-saturation.txt"
SATURATION_NOTE=$(grep -E 'Socket errors' "$LOGS/soak-saturation.txt" | tr -s ' ' || true)
SOAK_RATE=$((SATURATION_RPS / 2))
log "soak: saturation $SATURATION_RPS req/s (CPU of other processes $BUSY_SHARE%)${SATURATION_NOTE:+; $SATURATION_NOTE}; soak rate $SOAK_RATE req/s"

# soak_phase PHASE RESTART: SOAK_MINUTES of load; RESTART=1 stops the cluster half-way for
# SOAK_OUTAGE s. Files $LOGS/soak-PHASE.{out,raw,minutes}; sets OUTAGE_FROM_MS, OUTAGE_BACK_MS.
soak_phase() {
    local phase=$1 restart=$2 out=$LOGS/soak-$1.out minutes=$LOGS/soak-$1.minutes t0 m half_ms log_from
    half_ms=$((SOAK_MINUTES * 30000))
    sample
    echo "$RSS_KB" >"$LOGS/soak-$phase.rss-start"
    log_from=$(wc -l <"$LOGS/service.log")
    : >"$minutes"
    : >"$out"
    java -Xms256m -Xmx256m src/bench/SoakLoad.java "$URL" "$SOAK_RATE" $((SOAK_MINUTES * 60)) "$SOAK_TOKEN" \
        "$LOGS/soak-$phase.raw" "${SOAK_MIX[@]}" >"$out" 2>"$LOGS/soak-$phase.err" &
    LOAD_PID=$!
    until grep -q '^start ' "$out"; do
        kill -0 "$LOAD_PID" 2>/dev/null || die "the load client did not start: $(cat "$LOGS/soak-$phase.err")"
        sleep 0.1
    done
    t0=$(awk '/^start /{print $2}' "$out")
    log "soak phase $phase: $SOAK_MINUTES min at $SOAK_RATE req/s$([ "$restart" = 1 ] && echo ", PostgreSQL stopped for $SOAK_OUTAGE s at $((half_ms / 1000)) s")"
    for ((m = 1; m <= SOAK_MINUTES; m++)); do
        busy_begin
        if [ "$restart" = 1 ] && [ "$m" = $((half_ms / 60000 + 1)) ]; then
            sleep_until $((t0 + half_ms))
            OUTAGE_FROM_MS=$(now_ms)
            runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
            log "  PostgreSQL stopped"
            sleep "$SOAK_OUTAGE"
            pg_start
            OUTAGE_BACK_MS=$(now_ms)
            log "  PostgreSQL accepts connections again"
        fi
        sleep_until $((t0 + m * 60000))
        busy_end "soak-$phase-minute-$m"
        sample
        echo "$m $RSS_KB $LOAD $BUSY_SHARE" >>"$minutes"
        log "  minute $m/$SOAK_MINUTES: service RSS $(mib "$RSS_KB") MiB, load $LOAD, CPU of other processes $BUSY_SHARE%"
    done
    wait "$LOAD_PID" || die "the load client failed: $(cat "$LOGS/soak-$phase.err")"
    LOAD_PID=''
    # The service's own account of the phase: the statuses in its access log, its ERROR lines.
    local service_log=$LOGS/soak-$phase.service.log errors
    tail -n +$((log_from + 1)) "$LOGS/service.log" >"$service_log"
    errors=$({ grep '"level":"ERROR"' "$service_log" || true; } | jq -r '"\(.message) (\(.exception.exceptionType // "-"): \(.exception.message // "-"))"' \
        | sed -E 's/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/<id>/g' \
        | sort | uniq -c | awk '{ n = $1; sub(/^ *[0-9]+ /, ""); printf "%s%d x %s", (NR > 1 ? "; " : ""), n, $0 }')
    echo "$(grep '"loggerName":"dev.bencher.jobs.access"' "$service_log" | grep -o '"status":"[0-9]*"' | tr -dc '0-9\n' \
        | sort | uniq -c | awk '{ printf "%s%s=%s", (NR > 1 ? "," : ""), $2, $1 }'); ERROR lines: ${errors:-none}" \
        >"$LOGS/soak-$phase.access"
}
# Per-minute table of a phase (markdown): SoakLoad's minute lines joined with the samples.
minute_table() {
    echo "| minute | requests | errors | p50 ms | p99 ms | max ms | statuses | service RSS MiB | load (1 min) | CPU of other processes |"
    echo "|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|"
    awk 'NR == FNR { rss[$1] = int($2 / 1024); load[$1] = $3; busy[$1] = $4; next }
         /^[0-9]/ { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%% |\n", $1, $2, $3, $4, $5, $6, $7, rss[$1], load[$1], busy[$1] }' \
        "$LOGS/soak-$1.minutes" "$LOGS/soak-$1.out"
}
total_of() { awk -v f="$2" '$1 == "total" { print $f }' "$LOGS/soak-$1.out"; }   # total_of PHASE FIELD
rss_growth() {   # rss_growth PHASE: "START WARM END GROWTH%" (KiB, KiB, KiB, percent after the warm-up)
    awk -v start="$(cat "$LOGS/soak-$1.rss-start")" 'NR == 1 { warm = $2 } { end = $2 }
        END { printf "%d %d %d %.1f\n", start, warm, end, 100 * (end - warm) / warm }' "$LOGS/soak-$1.minutes"
}

soak_phase 1 0
soak_phase 2 1
SERVICE_ALIVE=0
kill -0 "$APP_PID" 2>/dev/null && SERVICE_ALIVE=1

read -r P1_START P1_WARM P1_END P1_GROWTH < <(rss_growth 1)
read -r P2_START P2_WARM P2_END P2_GROWTH < <(rss_growth 2)
P1_ERRORS=$(total_of 1 3) P2_ERRORS=$(total_of 2 3)
# Phase 2's errors against the outage: answered (done) inside [stop, back + SOAK_RECOVERY s]?
read -r OUT_ERRORS OUT_NOT503 OUT_OUTSIDE OUT_FIRST_S OUT_LAST_S OUT_OK_AFTER OUT_STATUSES < <(
    awk -v from="$OUTAGE_FROM_MS" -v back="$OUTAGE_BACK_MS" -v limit=$((SOAK_RECOVERY * 1000)) '
        $5 != $4 { errors++; status[$5]++; if ($5 != 503) not503++; if ($2 < from || $2 > back + limit) outside++
                   if (first == "" || $2 < first) first = $2; if ($2 > last) last = $2; next }
        $1 > back + limit { ok_after++ }
        END { for (s in status) statuses = statuses (statuses == "" ? "" : ",") s "=" status[s]
              printf "%d %d %d %s %s %d %s\n", errors, not503, outside,
                  errors ? sprintf("%.1f", (first - from) / 1000) : "-", errors ? sprintf("%.1f", (last - back) / 1000) : "-",
                  ok_after, statuses == "" ? "-" : statuses }' \
        "$LOGS/soak-2.raw")
OUTAGE_S=$(awk -v a="$OUTAGE_FROM_MS" -v b="$OUTAGE_BACK_MS" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
C_ERRORS=$( [ "$P1_ERRORS" = 0 ] && echo PASS || echo FAIL)
C_RSS1=$(awk -v g="$P1_GROWTH" 'BEGIN { print g <= 10 ? "PASS" : "FAIL" }')
C_RSS2=$(awk -v g="$P2_GROWTH" 'BEGIN { print g <= 10 ? "PASS" : "FAIL" }')
C_OUTAGE=$( [ "$OUT_NOT503" = 0 ] && [ "$OUT_OUTSIDE" = 0 ] && echo PASS || echo FAIL)
C_RECOVERY=$( [ "$SERVICE_ALIVE" = 1 ] && [ "$OUT_OUTSIDE" = 0 ] && [ "$OUT_OK_AFTER" -gt 0 ] && echo PASS || echo FAIL)
SOAK_MISSED=$(for c in "errors:$C_ERRORS" "RSS phase 1:$C_RSS1" "RSS phase 2:$C_RSS2" "outage errors:$C_OUTAGE" \
    "recovery:$C_RECOVERY"; do [ "${c##*:}" = PASS ] || echo "${c%:*}"; done | paste -sd, | sed 's/,/, /g')

{
    echo "# Soak"
    echo
    echo "Written by \`src/bench/run --soak\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Command: \`$COMMAND\`."
    echo "Service: commit $BUILD_REV, \`java @deployment/jvm.options -jar quarkus-run.jar\`, production logging;"
    echo "PostgreSQL $PG_VERSION; $(nproc) cores; load average at the start $SOAK_LOAD_START. How to read it: docs/performance.md (Soak)."
    echo
    echo "## Result"
    echo
    echo "| criterion | measured | verdict |"
    echo "|---|---|---|"
    echo "| phase 1: no error (status other than expected, timeout, I/O error) | $P1_ERRORS errors in $(total_of 1 2) requests | $C_ERRORS |"
    echo "| phase 1: RSS growth after the warm-up <= 10% | $(mib "$P1_START") MiB at the start, $(mib "$P1_WARM") MiB after minute 1, $(mib "$P1_END") MiB at the end: ${P1_GROWTH}% | $C_RSS1 |"
    echo "| phase 2: RSS growth after the warm-up <= 10% | $(mib "$P2_START") MiB at the start, $(mib "$P2_WARM") MiB after minute 1, $(mib "$P2_END") MiB at the end: ${P2_GROWTH}% | $C_RSS2 |"
    echo "| phase 2: errors only during the outage, all 503 | $OUT_ERRORS errors ($OUT_STATUSES), $OUT_NOT503 not 503, $OUT_OUTSIDE outside [stop, back + ${SOAK_RECOVERY} s] | $C_OUTAGE |"
    echo "| phase 2: recovery without a restart, within ${SOAK_RECOVERY} s | last error ${OUT_LAST_S} s after PostgreSQL was back; $OUT_OK_AFTER right answers after; same service process: $([ "$SERVICE_ALIVE" = 1 ] && echo yes || echo no) | $C_RECOVERY |"
    echo
    echo "- Load: $SOAK_RATE requests/s, open loop, half the saturation throughput of the same mix ($SATURATION_RPS requests/s,"
    echo "  wrk -t2 -c$CONNECTIONS, ${SATURATION_SECONDS} s after 15 s of warm-up${SATURATION_NOTE:+; $SATURATION_NOTE}); $SOAK_MINUTES min per phase."
    echo "- The mix, in rotation (status expected): $(printf '`%s`; ' "${SOAK_MIX[@]}" | sed 's/; $//')."
    echo "  \`auth\`: with a token whose groups make the caller a viewer of $PRIVATE."
    echo "- Service RSS after start, before any load: $(mib "$RSS_IDLE_KB") MiB; peak over the whole run (VmHWM): $(mib "$(awk '/^VmHWM/{print $2}' "/proc/$APP_PID/status")") MiB."
    echo "- Phase 2: PostgreSQL stopped (\`pg_ctl stop -m fast\`) $((SOAK_MINUTES * 30)) s into the phase and accepting connections again $OUTAGE_S s later;"
    echo "  first error ${OUT_FIRST_S} s after the stop began, last one ${OUT_LAST_S} s after the cluster was back."
    echo
    echo "## Phase 1: $SOAK_MINUTES min of steady load"
    echo
    minute_table 1
    echo
    echo "Total: $(total_of 1 2) requests, $P1_ERRORS errors, p50 $(total_of 1 4) ms, p99 $(total_of 1 5) ms, max $(total_of 1 6) ms; $(total_of 1 7)."
    echo "The service's access log over the phase: $(cat "$LOGS/soak-1.access")."
    echo
    echo "## Phase 2: $SOAK_MINUTES min, PostgreSQL stopped for ${SOAK_OUTAGE} s half-way"
    echo
    minute_table 2
    echo
    echo "Total: $(total_of 2 2) requests, $P2_ERRORS errors, p50 $(total_of 2 4) ms, p99 $(total_of 2 5) ms, max $(total_of 2 6) ms; $(total_of 2 7)."
    echo "The service's access log over the phase: $(cat "$LOGS/soak-2.access")."
    echo
    echo "Latencies are measured from the time each request was due (open loop), so they include any wait in the"
    echo "client; SoakLoad.java, wrk, PostgreSQL and the JVM share the machine's cores. Logs: logs/soak-* in the benchmark's scratch directory (BASE in src/bench/run), overwritten by the next run."
} >src/bench/SOAK.md

echo
sed -n '/^## Result/,/^## Phase 1/p' src/bench/SOAK.md | sed '$d'
if [ -n "$SOAK_MISSED" ]; then log "soak: criteria missed: $SOAK_MISSED"; else log "soak: every criterion met"; fi
log "wrote src/bench/SOAK.md"
