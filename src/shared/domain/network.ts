/** The networks of the first wave. The sandbox speaks each of their dialects. */
export const NETWORKS = ['facebook', 'instagram', 'linkedin', 'x', 'mastodon'] as const
export type Network = (typeof NETWORKS)[number]

export const NETWORK_LABELS: Record<Network, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  x: 'X',
  mastodon: 'Mastodon',
}

/**
 * The network whose sign-in reaches a network's channels. A Meta person is one profile: Instagram
 * business accounts are reached through Facebook Login with the person's Facebook sign-in, so
 * connecting or refreshing "Instagram" signs in to Facebook. (Instagram Login, for creators
 * without a Facebook page, would be a network of its own.)
 */
export const signInNetwork = (network: Network): Network => (network === 'instagram' ? 'facebook' : network)

/** The networks a person signs in to (Connect a profile lists these). */
export const SIGN_IN_NETWORKS: readonly Network[] = NETWORKS.filter((n) => signInNetwork(n) === n)

/** What a sign-in is called where it reaches more than its own network: "Facebook and Instagram". */
export const SIGN_IN_LABELS: Record<Network, string> = { ...NETWORK_LABELS, facebook: 'Facebook and Instagram' }

/**
 * Whether apps may read a channel's comments and statistics. LinkedIn lets an app post to a
 * member's own feed but keeps the member's comments and statistics closed (r_member_social is
 * granted to few partners), so Relink publishes there and reads nothing.
 */
export const appsMayRead = (network: Network, kind: string): boolean => !(network === 'linkedin' && kind === 'member')
