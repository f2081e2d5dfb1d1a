#!/usr/bin/env bash
# Packs Coffer as npm would publish it, installs the tarball into a fresh project in a temp dir,
# and checks the installed package: the `coffer` bin answers, `coffer version` prints the packed
# version, `coffer serve` starts on the embedded database and answers /health/live, and an app that
# imports `coffer/client` provisions an org with an operator token, stores and reads a record
# through it. Run from the repository root after `npm run build` (npm pack runs `prepare`, which
# builds, anyway).
set -euo pipefail
repo=$(pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    # The server writes its embedded database while it shuts down: remove the files after it exited.
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$work" || { sleep 1; rm -rf "$work"; }
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
expected_version=$(node -p 'require(process.argv[1]).version' "$repo/package.json")
printed_version=$(./node_modules/.bin/coffer version)
case "$printed_version" in
  *"$expected_version"*) echo "pack smoke: coffer version prints $printed_version" ;;
  *) echo "pack smoke: coffer version printed '$printed_version', expected $expected_version"; exit 1 ;;
esac

# Keys for this run only; the embedded database admits one process, so the operator token is
# made before the server starts.
export COFFER_MASTER_KEY COFFER_TOKEN_SECRET
COFFER_MASTER_KEY=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))')
COFFER_TOKEN_SECRET=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))')
export COFFER_DATA_DIR="$work/app/.coffer" COFFER_METRICS_LISTEN=127.0.0.1:0
operator_token=$(./node_modules/.bin/coffer operator token create --json | node -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>process.stdout.write(JSON.parse(s).token))')
[ -n "$operator_token" ] || { echo "pack smoke: no operator token"; exit 1; }

# The installed server on the embedded database, on a free port, in this temp project.
COFFER_LISTEN=127.0.0.1:0 ./node_modules/.bin/coffer serve >"$work/serve.log" 2>&1 &
server_pid=$!
url=
for _ in $(seq 1 120); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { echo "pack smoke: coffer serve did not start"; cat "$work/serve.log"; exit 1; }

# An app of the temp project, importing the installed coffer/client by its package name.
cat >"$work/app/smoke.mjs" <<'JS'
import { Coffer, CofferApiError, CofferOperator, verifyWebhook } from 'coffer/client'
const baseUrl = process.env.COFFER_URL
if (typeof verifyWebhook !== 'function') throw new Error('coffer/client has no verifyWebhook')
const { version } = (await import('coffer/package.json', { with: { type: 'json' } })).default
const live = await fetch(`${baseUrl}/health/live`)
if (live.status !== 200) throw new Error(`/health/live answered ${live.status}`)
const operator = new CofferOperator({ baseUrl, token: process.env.COFFER_OPERATOR_TOKEN })
const org = await operator.orgs.create({ slug: 'smoke' })
const coffer = new Coffer({ baseUrl, token: org.owner_token })
const stored = await coffer.records.store({ content: 'pack smoke', entities: ['user:smoke'] })
const read = await coffer.records.get(stored.id)
if (read.content !== 'pack smoke') throw new Error('the record did not read back')
try {
  await new Coffer({ baseUrl, token: org.owner_token }).records.get('00000000-0000-7000-8000-000000000000')
  throw new Error('a missing record was found')
} catch (error) {
  if (!(error instanceof CofferApiError) || error.code !== 'NOT_FOUND') throw error
}
console.log(`pack smoke: coffer ${version} installed; the installed server answers; coffer/client provisioned an org, stored and read a record`)
JS
(cd "$work/app" && COFFER_URL="$url" COFFER_OPERATOR_TOKEN="$operator_token" node smoke.mjs)
