/** Why a backup was made: before a schema upgrade, by hand in Settings → Data, or just before a restore replaced the database. */
export const BACKUP_KINDS = ['before-migration', 'manual', 'before-restore'] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

export interface BackupView {
  /** The file name inside the data folder's `backups` folder; also the backup's id. */
  name: string
  kind: BackupKind
  /** The schema version the backed-up database had. */
  schemaVersion: number
  createdAt: number
  sizeBytes: number
}

export interface BackupList {
  /** Where the backups are, for the person who wants to copy them elsewhere. */
  folder: string
  backups: BackupView[]
  /** A restore asked for and not yet done (it happens when Relink starts again). */
  pendingRestore: string | null
  /** What the restore at this start did, if one ran. */
  lastRestore: { restored: string; keptAs: string } | null
}
