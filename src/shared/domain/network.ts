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
