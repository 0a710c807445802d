import { useId, type ReactNode } from 'react'

/** A titled part of a details drawer, named by its heading for screen readers. */
export function DrawerSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId()
  return (
    <section className="drawer-section" aria-labelledby={id}>
      <h3 id={id} className="drawer-section__title">
        {title}
      </h3>
      {children}
    </section>
  )
}
