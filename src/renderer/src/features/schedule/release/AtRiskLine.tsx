import type { AtRiskChannel } from '../../../../../shared/domain/schedule'
import { NETWORK_LABELS, type Network } from '../../../../../shared/domain/network'
import { useNow } from '../../../app/now-context'
import { Icon } from '../../../components/Icon'
import { atRiskLine } from './at-risk-copy'

/** A profile's warning that scheduled posts will not go out unless it is refreshed in time. */
export function AtRiskLine({ items, network }: { items: readonly AtRiskChannel[] | undefined; network: Network }) {
  const now = useNow()
  if (!items || items.length === 0) return null
  return (
    <p className="inline-warning">
      <Icon name="alert" size={16} />
      <span>{atRiskLine(items, now, NETWORK_LABELS[network])}</span>
    </p>
  )
}
