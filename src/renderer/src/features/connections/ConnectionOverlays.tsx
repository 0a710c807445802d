import type { Navigate } from '../../app/pages'
import { ConnectDialog } from './ConnectDialog'
import { useConnections } from './connections-context'
import { ProfileDrawer } from './ProfileDrawer'
import './connections.css'

/** The dialogs any page (or the tray, through main) can open: a profile's details and connecting. */
export function ConnectionOverlays({ onNavigate }: { onNavigate: Navigate }) {
  const { detailProfileId, closeProfile, connectDialog, closeConnect } = useConnections()
  return (
    <>
      {detailProfileId && <ProfileDrawer key={detailProfileId} profileId={detailProfileId} onClose={closeProfile} />}
      {connectDialog && <ConnectDialog initial={connectDialog} onClose={closeConnect} onNavigate={onNavigate} />}
    </>
  )
}
