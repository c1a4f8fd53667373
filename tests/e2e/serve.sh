#!/bin/bash
# The real `medcheck serve` binary on loopback: starts on port 0 (the kernel picks a free port, printed
# at start), answers discovery and an order-sign call over HTTP (bash /dev/tcp, no client tools
# needed), logs the call without the request's fhirAuthorization token, and exits 0 on SIGTERM.
#   serve.sh BIN REQUEST_JSON OUTDIR
set -u
bin=$1 request=$2 dir=$3
err=$dir/serve-e2e.err
rm -f "$err"
env --default-signal=INT,TERM "$bin" serve --port 0 --threads 2 2>"$err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
port=
for _ in $(seq 1 200); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$err" 2>/dev/null | grep -o '[0-9]*$')
  [ -n "$port" ] && break
  kill -0 $pid 2>/dev/null || { echo "FAIL: serve exited"; cat "$err"; exit 1; }
  sleep 0.05
done
[ -n "$port" ] || { echo "FAIL: no listening line"; cat "$err"; exit 1; }

# One HTTP/1.1 exchange with Connection: close; prints the whole response.
http() { # METHOD PATH [BODY_FILE]
  exec 3<>/dev/tcp/127.0.0.1/"$port" || return 1
  if [ $# -ge 3 ]; then
    printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' \
      "$1" "$2" "$(wc -c <"$3")" >&3
    cat "$3" >&3
  else
    printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" "$2" >&3
  fi
  timeout 10 cat <&3
  exec 3<&-
}

discovery=$(http GET /cds-services)
echo "$discovery" | head -1 | grep -q "200 OK" || { echo "FAIL: discovery: $discovery"; exit 1; }
echo "$discovery" | grep -q '"id":"medcheck-order-sign"' || { echo "FAIL: discovery body: $discovery"; exit 1; }
cards=$(http POST /cds-services/medcheck-order-sign "$request")
echo "$cards" | head -1 | grep -q "200 OK" || { echo "FAIL: order-sign: $cards"; exit 1; }
echo "$cards" | grep -q '"indicator":"critical"' || { echo "FAIL: no critical card: $cards"; exit 1; }
missing=$(http GET /cds-services/nope)
echo "$missing" | head -1 | grep -q "404" || { echo "FAIL: unknown path: $missing"; exit 1; }

kill -TERM $pid
wait $pid
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: exit status $rc after SIGTERM"; cat "$err"; exit 1; }
grep -q '"hookInstance":"5f1c2a9e-0000-4000-8000-000000000001"' "$err" || { echo "FAIL: call not logged"; cat "$err"; exit 1; }
if grep -q "secret-token-never-logged" "$err"; then echo "FAIL: token in the log"; exit 1; fi
grep -q "medcheck serve: stopped" "$err" || { echo "FAIL: no clean stop"; cat "$err"; exit 1; }
echo "ok: port $port"
