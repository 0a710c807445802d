import type { SandboxDialect } from '../types'
import { facebookDialect } from './facebook'
import { linkedinDialect } from './linkedin'
import { mastodonDialect } from './mastodon'
import { xDialect } from './x'

/** Every network the sandbox speaks. Instagram is served by the Facebook (Graph API) dialect. */
export const DIALECTS: readonly SandboxDialect[] = [facebookDialect, linkedinDialect, xDialect, mastodonDialect]
