import { NETWORKS, type Network } from '../../shared/domain/network'
import type { NetworkTexts } from '../../shared/domain/schedule'

/** The stored JSON of a post's per-network texts; anything unexpected reads as none. */
export function parseNetworkTexts(json: string | null | undefined): NetworkTexts {
  if (!json) return {}
  try {
    const value: unknown = JSON.parse(json)
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {}
    const out: NetworkTexts = {}
    for (const network of NETWORKS) {
      const text = (value as Record<string, unknown>)[network]
      if (typeof text === 'string') out[network] = text
    }
    return out
  } catch {
    return {}
  }
}

/** Keeps only texts that differ from the shared one: a copy left unchanged is no customisation. */
export function cleanNetworkTexts(texts: NetworkTexts | undefined, shared: string): NetworkTexts {
  const out: NetworkTexts = {}
  for (const network of NETWORKS) {
    const text = texts?.[network]
    if (text !== undefined && text !== shared) out[network] = text
  }
  return out
}

export const serializeNetworkTexts = (texts: NetworkTexts): string => JSON.stringify(texts)

/** The text a network publishes: its own where customised, else the shared one. */
export const textFor = (shared: string, texts: NetworkTexts, network: Network | string): string => texts[network as Network] ?? shared
