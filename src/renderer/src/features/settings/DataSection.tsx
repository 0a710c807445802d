import { useState } from 'react'
import type { BackupKind, BackupView } from '../../../../shared/domain/backups'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { formatDateTime } from '../../lib/time'
import { useQuery } from '../../lib/use-query'
import { SettingsSection } from './SettingsSection'

const KIND_TEXT: Record<BackupKind, string> = {
  'before-migration': 'Before an update',
  manual: 'Made by hand',
  'before-restore': 'Replaced by a restore',
}

const size = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)

function restoredText(restore: { restored: string; keptAs: string }, backups: BackupView[]): string {
  const restored = backups.find((b) => b.name === restore.restored)
  const kept = backups.find((b) => b.name === restore.keptAs)
  const which = restored ? `the backup from ${formatDateTime(restored.createdAt)}` : `the backup ${restore.restored}`
  const where = kept ? 'What it replaced is kept below as “Replaced by a restore”.' : `What it replaced is kept in ${restore.keptAs}.`
  return `Relink put back ${which} when it started. ${where}`
}

/** Settings → Data: the backups Relink keeps of its database, and the way back to one of them. */
export function DataSection() {
  const list = useQuery('data:list-backups', undefined, [])
  const toast = useToast()
  const [backingUp, setBackingUp] = useState(false)
  const [restoring, setRestoring] = useState<BackupView>()
  const [restartNote, setRestartNote] = useState<string>()

  async function backUpNow(): Promise<void> {
    setBackingUp(true)
    try {
      const made = await call('data:back-up-now')
      list.reload()
      toast.show({ message: `Backed up at ${formatDateTime(made.createdAt)}.` })
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    } finally {
      setBackingUp(false)
    }
  }

  async function restore(backup: BackupView): Promise<void> {
    const { restarting } = await call('data:restore-backup', { name: backup.name })
    list.reload()
    setRestartNote(
      restarting
        ? `Relink is restarting to put back the backup from ${formatDateTime(backup.createdAt)}.`
        : `Quit Relink and open it again to put back the backup from ${formatDateTime(backup.createdAt)}.`,
    )
  }

  const data = list.data
  return (
    <SettingsSection
      title="Data"
      description="Relink backs up its database before every update and keeps the last five of each kind. A restore puts one back when Relink starts again; what you have now is kept as a backup first."
    >
      {list.error && !data && <ErrorNotice message={list.error} onRetry={list.reload} />}
      {!data && !list.error && <Loading label="Loading backups…" />}
      {data && (
        <>
          {data.lastRestore && (
            <p className="section-note" role="status">
              {restoredText(data.lastRestore, data.backups)}
            </p>
          )}
          {(restartNote ?? data.pendingRestore) && (
            <p className="section-note" role="status">
              {restartNote ?? `A restore of ${data.pendingRestore} happens when Relink starts again.`}
            </p>
          )}
          <div className="data-section__actions">
            <Button onClick={() => void backUpNow()} disabled={backingUp}>
              {backingUp ? 'Backing up…' : 'Back up now'}
            </Button>
            <span className="muted-note">
              In <code className="about-line__path">{data.folder}</code>
            </span>
          </div>
          {data.backups.length === 0 ? (
            <p className="muted-note">No backups yet. Relink makes one before it updates its database, or when you press Back up now.</p>
          ) : (
            <ul className="boxed-list backup-list" aria-label="Backups">
              {data.backups.map((backup) => (
                <li key={backup.name} className="list-row backup-row">
                  <span className="backup-row__when">{formatDateTime(backup.createdAt)}</span>
                  <span className="backup-row__kind">{KIND_TEXT[backup.kind]}</span>
                  <span className="backup-row__size">{size(backup.sizeBytes)}</span>
                  <Button size="sm" onClick={() => setRestoring(backup)} aria-label={`Restore the backup from ${formatDateTime(backup.createdAt)}`}>
                    Restore…
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {restoring && (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore and restart"
          tone="primary"
          onConfirm={() => restore(restoring)}
          onClose={() => setRestoring(undefined)}
        >
          <p>
            Relink will restart and put back its data as it was on {formatDateTime(restoring.createdAt)}. Posts, channels and sign-ins changed since then go
            back to how they were.
          </p>
          <p>What you have now is kept as a backup first, so you can return to it from this list.</p>
        </ConfirmDialog>
      )}
    </SettingsSection>
  )
}
