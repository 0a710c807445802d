import type { CSSProperties } from 'react'

/** A brand's name with its colour dot; the colour travels as a custom property, never as inline CSS text. */
export function BrandChip({ name, color }: { name: string; color: string }) {
  return (
    <span className="brand-chip" style={{ '--brand-color': color } as CSSProperties}>
      <span className="brand-chip__dot" aria-hidden="true" />
      {name}
    </span>
  )
}
