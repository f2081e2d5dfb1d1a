// Coffer's benchmarks, one run: `npm run bench`.
import { benchEnvelope } from './envelope.js'

await benchEnvelope()
