#!/usr/bin/env bash
# Scans `coffer serve` with TLS on with testssl.sh (Debian package testssl.sh) and fails on any
# finding rated MEDIUM or worse, or on a protocol below TLS 1.2 being offered. The server runs the
# built package on the embedded database in a temp dir, with a certificate from a CA made here
# (trusted by the scan through --add-ca), on loopback only. Run after `npm run build`.
set -euo pipefail
command -v testssl >/dev/null || { echo "tls scan: testssl not installed (apt-get install testssl.sh)"; exit 1; }
repo=$(pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
openssl ecparam -name prime256v1 -genkey -noout -out ca.key
openssl req -x509 -new -key ca.key -sha256 -days 730 -subj "/CN=coffer scan CA" -out ca.pem \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out server.key
openssl req -new -key server.key -subj "/CN=localhost" -out server.csr 2>/dev/null
# As a public CA would issue it: a year, with where to check revocation (never fetched by the scan).
printf '%s\n' 'subjectAltName=DNS:localhost,IP:127.0.0.1' 'basicConstraints=critical,CA:FALSE' \
  'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' \
  'crlDistributionPoints=URI:http://127.0.0.1:9/ca.crl' 'authorityInfoAccess=OCSP;URI:http://127.0.0.1:9/ocsp' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 -sha256 -extfile server.ext -out server.pem 2>/dev/null

COFFER_LISTEN=127.0.0.1:0 COFFER_METRICS_LISTEN=off COFFER_DATA_DIR="$work/data" \
  COFFER_TLS_CERT_FILE="$work/server.pem" COFFER_TLS_KEY_FILE="$work/server.key" \
  node "$repo/dist/cli/bin.js" serve >serve.log 2>&1 &
server_pid=$!
url=
for _ in $(seq 1 120); do
  url=$(grep -o 'https://127.0.0.1:[0-9]*' serve.log | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat serve.log; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { echo "tls scan: coffer serve did not start"; cat serve.log; exit 1; }
port=${url##*:}

# Protocols, ciphers, server defaults, headers and vulnerabilities; no DNS, this address only.
testssl --quiet --color 0 --warnings off --nodns none --ip 127.0.0.1 --add-ca "$work/ca.pem" \
  --protocols --std --server-defaults --headers --vulnerable \
  --jsonfile "$work/scan.json" "https://localhost:$port" >scan.txt 2>&1 || true
[ -s scan.json ] || { echo "tls scan: testssl wrote no report"; tail -40 scan.txt; exit 1; }

node --input-type=module -e '
  import { readFileSync } from "node:fs"
  const findings = JSON.parse(readFileSync(process.argv[1], "utf8"))
  const bad = findings.filter((f) => ["MEDIUM", "HIGH", "CRITICAL"].includes(f.severity))
  const old = findings.filter((f) => /^(SSLv2|SSLv3|TLS1|TLS1_1)$/.test(f.id) && /^offered/.test(f.finding))
  for (const f of findings.filter((f) => f.severity === "WARN")) console.log(`tls scan: (warning, not a finding) ${f.id}: ${f.finding}`)
  for (const f of [...bad, ...old]) console.log(`tls scan: ${f.severity} ${f.id}: ${f.finding}`)
  const counts = {}
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1
  console.log(`tls scan: ${findings.length} findings by severity ${JSON.stringify(counts)}; ${bad.length} MEDIUM or worse; ${old.length} protocols below TLS 1.2 offered`)
  process.exit(bad.length + old.length > 0 ? 1 : 0)
' "$work/scan.json"
