import type { Brand } from '../../../../shared/domain/entities'

/** The brand an analytics view or report covers, "All brands" first; no choice is every brand. */
export function BrandField({ brands, value, onChange }: { brands: readonly Brand[]; value: string | undefined; onChange(brandId: string | undefined): void }) {
  return (
    <label className="compact-fields analytics-field">
      <span>Brand</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">All brands</option>
        {brands.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
    </label>
  )
}
