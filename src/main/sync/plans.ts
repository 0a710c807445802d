import type { Network } from '../../shared/domain/network'
import { FACEBOOK_SYNC_PLAN } from '../providers/facebook/sync-plan'
import { INSTAGRAM_SYNC_PLAN } from '../providers/instagram/sync-plan'
import { LINKEDIN_SYNC_PLAN } from '../providers/linkedin/sync-plan'
import { MASTODON_SYNC_PLAN } from '../providers/mastodon/sync-plan'
import { X_SYNC_PLAN } from '../providers/x/sync-plan'
import type { NetworkSync } from './types'

/** Every network's sync plan, each kept beside its adapter's config. */
export const SYNC_PLANS: Readonly<Record<Network, NetworkSync>> = {
  facebook: FACEBOOK_SYNC_PLAN,
  instagram: INSTAGRAM_SYNC_PLAN,
  linkedin: LINKEDIN_SYNC_PLAN,
  x: X_SYNC_PLAN,
  mastodon: MASTODON_SYNC_PLAN,
}
