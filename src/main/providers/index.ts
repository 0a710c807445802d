import type { Network } from '../../shared/domain/network'
import { facebookAdapter } from './facebook'
import { instagramAdapter } from './instagram'
import { linkedinAdapter } from './linkedin'
import { mastodonAdapter } from './mastodon'
import type { ProviderAdapter } from './types'
import { xAdapter } from './x'

/** Every network adapter, by network. */
export const ADAPTERS: Record<Network, ProviderAdapter> = {
  facebook: facebookAdapter,
  instagram: instagramAdapter,
  linkedin: linkedinAdapter,
  x: xAdapter,
  mastodon: mastodonAdapter,
}
