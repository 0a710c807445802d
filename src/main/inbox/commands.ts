import type { InboxThread } from '../../shared/domain/inbox'
import { AppError } from '../../shared/errors'
import type { EventBus } from '../events'
import type { CommandHandlers } from '../ipc/router'
import type { Clock, OpenFileDialog, SaveDialog } from '../ports'
import type { InboxActions } from './actions'
import type { Inbox } from './index'
import { exportSavedReplies } from './saved-replies-export'
import { createSavedRepliesImport } from './saved-replies-import'

type InboxCommand = Extract<keyof CommandHandlers, `inbox:${string}`>

/** The inbox's IPC commands (inputs are validated by the router before they arrive here). */
export function createInboxCommands(deps: { inbox: Inbox; actions: InboxActions; clock: Clock; events: EventBus; operator: string; saveDialog: SaveDialog; openDialog: OpenFileDialog }): Pick<CommandHandlers, InboxCommand> {
  const { queries, triage } = deps.inbox
  const importer = createSavedRepliesImport({ triage, dialog: deps.openDialog, clock: deps.clock })
  const changed = (itemIds: readonly number[]): void => {
    const channels = [...new Set(queries.items(itemIds).map((i) => i.channelId))]
    deps.events.emit('inbox:did-change', { channelIds: channels })
  }

  function thread(itemId: number): InboxThread {
    const items = queries.thread(itemId)
    const item = items.find((i) => i.id === itemId)
    if (!item) throw new AppError('not_found', 'That comment is no longer in the inbox.')
    return { item, items, post: deps.inbox.post(item.channelId, item.networkPostId), notes: triage.notes(itemId), actions: deps.inbox.actions(itemId) }
  }

  return {
    'inbox:list': async (query) => queries.list(query),
    'inbox:get-thread': async ({ itemId }) => thread(itemId),
    'inbox:get-counts': async () => queries.counts(),
    'inbox:set-state': async ({ itemIds, state }) => {
      const n = triage.setState(itemIds, state, deps.clock.now())
      changed(itemIds)
      return { changed: n }
    },
    'inbox:assign': async ({ itemIds, assignee }) => {
      const n = triage.assign(itemIds, assignee, deps.clock.now())
      changed(itemIds)
      return { changed: n }
    },
    'inbox:label': async ({ itemIds, label, on }) => {
      triage.label(itemIds, label, on)
      changed(itemIds)
      return { changed: itemIds.length }
    },
    'inbox:add-note': async ({ itemId, text }) => {
      const note = triage.addNote(itemId, text, deps.operator, deps.clock.now())
      changed([itemId])
      return note
    },
    'inbox:mark-read': async ({ itemIds }) => {
      triage.markRead(itemIds, deps.clock.now())
      changed(itemIds)
      return { changed: itemIds.length }
    },
    'inbox:list-labels': async () => triage.labels(),
    'inbox:list-saved-replies': async () => triage.savedReplies(),
    'inbox:save-reply': async (input) => triage.saveReply(input, deps.clock.now()),
    'inbox:act': async ({ itemId, kind, text }) => deps.actions.act(itemId, kind, text ?? ''),
    'inbox:resolve-action': async ({ actionId, resolution }) => deps.actions.resolve(actionId, resolution),
    'inbox:export-saved-replies': async () =>
      exportSavedReplies({ replies: triage.savedReplies(), saveDialog: deps.saveDialog, today: new Date(deps.clock.now()).toISOString().slice(0, 10) }),
    'inbox:preview-saved-replies-import': async () => importer.preview(),
    'inbox:import-saved-replies': async ({ importId }) => ({ added: importer.confirm(importId) }),
    'inbox:undo-saved-replies-import': async ({ importId }) => ({ removed: importer.undo(importId) }),
    'inbox:delete-saved-reply': async ({ id }) => {
      triage.deleteReply(id)
      return { deleted: true }
    },
  }
}
