import { useId } from 'react'
import type { Brand } from '../../../../shared/domain/entities'

export function BrandFilter({
  brands,
  value,
  onChange,
}: {
  brands: readonly Brand[]
  value: string | undefined
  onChange: (brandId: string | undefined) => void
}) {
  const id = useId()
  return (
    <div className="brand-filter">
      <label htmlFor={id} className="brand-filter__label">
        Brand
      </label>
      <select id={id} className="select" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">All brands</option>
        {brands.map((brand) => (
          <option key={brand.id} value={brand.id}>
            {brand.name}
          </option>
        ))}
      </select>
    </div>
  )
}
