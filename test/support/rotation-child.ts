// Runs one org's key rotation job in a child process, slowly, printing a line per committed batch,
// so a test can SIGKILL it mid-job. Config comes from the environment like the server's.
import { openCoffer } from '../../src/app.js'
import { loadConfig } from '../../src/config/config.js'
import { ensureKeys } from '../../src/config/dev-secrets.js'
import { asOrgId } from '../../src/db/org-id.js'

const orgId = asOrgId(process.argv[2] ?? '')
const coffer = await openCoffer(ensureKeys(loadConfig()).config)
await coffer.rotation.run(orgId, {
  onProgress: (progress) => {
    process.stdout.write(`batch ${progress.envelopesDone}\n`)
    // Slow enough that the parent's kill lands mid-job; a busy-wait, not a timer, so no batch is skipped.
    const until = Date.now() + 40
    while (Date.now() < until) {}
  },
})
process.stdout.write('done\n')
await coffer.close()
