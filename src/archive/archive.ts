/** The archive capability as Coffer wires it: settings, the job, restore (issue #17 part 3). */
import type { AuditLog } from '../audit/audit-log.js'
import type { Database } from '../db/sql.js'
import type { Clock } from '../internal/clock.js'
import type { OrgKeyring } from '../keys/org-keyring.js'
import type { RecordsService } from '../records/records-service.js'
import { S3ArchiveBucket } from './archive-bucket.js'
import { ArchivedRecordsErasure } from './archive-erasure.js'
import { ArchivedStubsExport } from './archive-export.js'
import { ArchiveJob, type ArchiveRunEmitter } from './archive-job.js'
import { ArchiveSettings, type BucketOpener } from './archive-settings.js'
import { ArchiveRestore } from './archive-stubs.js'

/**
 * Settings (`/v1/archive/settings`), runs (`/v1/archive/runs`), restore (`/v1/records/:id/restore`)
 * and the erasure of archived records.
 */
export interface Archive {
  settings: ArchiveSettings
  job: ArchiveJob
  restore: ArchiveRestore
  /** Erasure of stubs and their objects (erase, namespace and org deletion). */
  erasure: ArchivedRecordsErasure
  /** The stubs as the org and subject exports show them. */
  exportSource: ArchivedStubsExport
}

/**
 * Builds the archive services. Buckets are S3-compatible, reached under the outbound policy
 * (`requirePublicTargets`); `openBucket` replaces the adapter (tests that need a bucket's retries off).
 */
export function createArchive(options: {
  db: Database
  keyring: OrgKeyring
  audit: AuditLog
  clock: Clock
  records: RecordsService
  requirePublicTargets: boolean
  openBucket?: BucketOpener
  /** Emits `archive.run_completed` when a run closes (the webhooks outbox). */
  emit?: ArchiveRunEmitter | undefined
}): Archive {
  const openBucket: BucketOpener =
    options.openBucket ??
    ((location) => new S3ArchiveBucket(location, { requirePublic: options.requirePublicTargets }))
  const settings = new ArchiveSettings({ ...options, openBucket })
  return {
    settings,
    job: new ArchiveJob({ ...options, settings }),
    restore: new ArchiveRestore({ ...options, settings }),
    erasure: new ArchivedRecordsErasure({ ...options, settings }),
    exportSource: new ArchivedStubsExport(options),
  }
}
