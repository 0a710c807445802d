import { useState } from 'react'
import type { AppSettings } from '../../../../shared/domain/settings'
import { Button } from '../../components/Button'
import { SaveStatus } from '../../components/SaveStatus'
import { SettingsSection } from './SettingsSection'
import { ToggleSetting } from './ToggleSetting'
import { useSaveSettings } from './use-save-settings'

/** Who inbox comments can be assigned to, and whether new ones are announced. */
export function InboxSection({ inbox, notificationsOn = true }: { inbox: AppSettings['inbox']; notificationsOn?: boolean }) {
  const { state, save } = useSaveSettings()
  const [name, setName] = useState('')
  const members = inbox.teamMembers
  const add = (): void => {
    const next = name.trim()
    if (!next || members.includes(next)) return
    void save({ inbox: { teamMembers: [...members, next] } }).then((err) => {
      if (!err) setName('')
    })
  }
  return (
    <SettingsSection title="Inbox" description="The team members comments can be assigned to in the Inbox." status={<SaveStatus state={state} />}>
      <ul className="team-list" aria-label="Team members">
        {members.length === 0 && <li className="team-list__empty">Nobody yet: add the people who answer comments.</li>}
        {members.map((m) => (
          <li key={m} className="team-list__item">
            <span>{m}</span>
            <Button size="sm" variant="ghost" aria-label={`Remove ${m}`} onClick={() => void save({ inbox: { teamMembers: members.filter((x) => x !== m) } })}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form
        className="compact-fields team-list__form"
        onSubmit={(e) => {
          e.preventDefault()
          add()
        }}
      >
        <label>
          <span className="visually-hidden">Team member’s name</span>
          <input value={name} maxLength={60} placeholder="Name, e.g. Ana Lima" onChange={(e) => setName(e.target.value)} />
        </label>
        <Button size="sm" type="submit" disabled={!name.trim() || members.length >= 50}>
          Add team member
        </Button>
      </form>
      <ToggleSetting
        label="Summary of new comments"
        description={
          notificationsOn
            ? 'One desktop notification per batch of new comments and mentions, never one per comment.'
            : 'Turn on desktop notifications (Notifications, above) to get it.'
        }
        checked={inbox.newCommentsSummary}
        disabled={!notificationsOn}
        onChange={(newCommentsSummary) => save({ inbox: { newCommentsSummary } })}
      />
      <ToggleSetting
        label="Warn when a channel goes quiet"
        description={
          notificationsOn
            ? 'When a channel that usually gets comments brings none for three days although Relink reads it without errors.'
            : 'Turn on desktop notifications (Notifications, above) to get it.'
        }
        checked={inbox.quietWarning}
        disabled={!notificationsOn}
        onChange={(quietWarning) => save({ inbox: { quietWarning } })}
      />
      <ToggleSetting
        label="Warn before LinkedIn comments are lost"
        description={
          notificationsOn
            ? 'When a LinkedIn sign-in breaks: the date to reconnect by, since LinkedIn serves comments for 30 days.'
            : 'Turn on desktop notifications (Notifications, above) to get it.'
        }
        checked={inbox.linkedinDeadline}
        disabled={!notificationsOn}
        onChange={(linkedinDeadline) => save({ inbox: { linkedinDeadline } })}
      />
    </SettingsSection>
  )
}
