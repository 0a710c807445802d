import { ICON_PATHS as PATHS, type IconName } from './icon-paths'

export type { IconName }

/** Line icons drawn inline so they need no image requests and follow the text colour. */
export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {/* One path of several strokes draws the same as one path each, with fewer elements for long lists. */}
      <path d={PATHS[name].join(' ')} />
    </svg>
  )
}
