/**
 * The columns the schedule's calendar and list show of a delivery, and no more: at agency scale a
 * week is hundreds of cards, and the details (reasons in full, attempts, review candidates, the
 * first comment) are read only for the one a person opens.
 */
import { CALENDAR_PREVIEW_MAX } from '../../../shared/domain/schedule'
import type { DeliveryStateName } from './delivery-repository'

/** A delivery as a card or a list row shows it. */
export interface CalendarRow {
  id: number
  post_id: string
  channel_id: string
  channel_name: string
  network: string
  state: DeliveryStateName
  due_at: number
  /** The held reason of a held delivery, the failure reason of a failed one, else null. */
  reason: string | null
  /** A published delivery's live post, else null. */
  url: string | null
  /** The start of the post's text (its first line is taken from it). */
  preview: string
  has_image: 0 | 1
}

/** How a query shapes its rows: which columns, from which joins onto `deliveries d`. */
export interface RowShape {
  columns: string
  joins: string
}

export const CALENDAR_SHAPE: RowShape = {
  columns: `d.id, d.post_id, d.channel_id, c.name AS channel_name, c.network AS network, d.state, d.due_at,
    CASE d.state WHEN 'held' THEN d.held_reason WHEN 'failed' THEN d.failure_reason END AS reason,
    CASE d.state WHEN 'published' THEN d.url END AS url,
    substr(p.text, 1, ${CALENDAR_PREVIEW_MAX}) AS preview, p.image_sha256 IS NOT NULL AS has_image`,
  joins: `JOIN channels c ON c.id = d.channel_id JOIN posts p ON p.id = d.post_id`,
}
