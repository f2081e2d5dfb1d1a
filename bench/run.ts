// Coffer's benchmarks, one run: `npm run bench` (all), or `npm run bench -- keys auth` (some).
import { benchApi } from './api.js'
import { benchAudit } from './audit.js'
import { benchAuth } from './auth.js'
import { benchBatch } from './batch.js'
import { benchEnvelope } from './envelope.js'
import { benchExport } from './export.js'
import { benchKeys } from './keys.js'
import { benchObservability } from './observability.js'
import { benchSearch } from './search.js'
import { benchWebhooks } from './webhooks.js'

const benches: Record<string, () => Promise<void>> = {
  envelope: benchEnvelope,
  api: benchApi,
  keys: benchKeys,
  auth: benchAuth,
  audit: benchAudit,
  search: benchSearch,
  export: benchExport,
  webhooks: benchWebhooks,
  observability: benchObservability,
  batch: benchBatch,
}
const chosen = process.argv.slice(2)
const unknown = chosen.filter((name) => !(name in benches))
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')} (choose from ${Object.keys(benches).join(', ')})`)
  process.exit(2)
}
const names = chosen.length > 0 ? chosen : Object.keys(benches)
for (const [index, name] of names.entries()) {
  if (index > 0) console.log('')
  await benches[name]!()
}
