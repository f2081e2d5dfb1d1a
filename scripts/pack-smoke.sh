#!/usr/bin/env bash
# Packs Coffer as npm would publish it, installs the tarball into a fresh project in a temp dir,
# and checks the installed package: the `coffer` bin answers, `coffer serve` starts on the embedded
# database and answers /health/live, and `coffer/client` imports. Run from the repository root
# after `npm run build` (npm pack runs `prepare`, which builds, anyway).
set -euo pipefail
repo=$(pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "pack smoke: packed $tarball ($(du -k "$work/$tarball" | cut -f1) KiB)"
mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$work/$tarball"

./node_modules/.bin/coffer --help >/dev/null
echo "pack smoke: coffer --help answers"

# The installed server on the embedded database, on a free port, in this temp project.
COFFER_LISTEN=127.0.0.1:0 COFFER_DATA_DIR="$work/app/.coffer" ./node_modules/.bin/coffer serve >"$work/serve.log" 2>&1 &
server_pid=$!
url=
for _ in $(seq 1 120); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { echo "pack smoke: coffer serve did not start"; cat "$work/serve.log"; exit 1; }

COFFER_URL="$url" node --input-type=module -e '
  const client = await import("coffer/client")
  if (typeof client.verifyWebhook !== "function") throw new Error("coffer/client has no verifyWebhook")
  const { version } = (await import("coffer/package.json", { with: { type: "json" } })).default
  const live = await fetch(`${process.env.COFFER_URL}/health/live`)
  if (live.status !== 200) throw new Error(`/health/live answered ${live.status}`)
  console.log(`pack smoke: coffer ${version} installed; coffer/client imports; the installed server answers /health/live`)
'
