// Coffer's benchmarks, one run: `npm run bench`.
import { benchAuth } from './auth.js'
import { benchEnvelope } from './envelope.js'

await benchEnvelope()
console.log('')
await benchAuth()
