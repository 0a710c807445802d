import type { Brand } from '../../../../shared/domain/entities'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Loading } from '../../components/Loading'
import { useToast } from '../../components/use-toast'
import { call, errorMessage } from '../../lib/api'
import { useQuery } from '../../lib/use-query'
import { BrandCreateForm } from './BrandCreateForm'
import { BrandRow } from './BrandRow'
import { SettingsSection } from './SettingsSection'

export function BrandsSection() {
  const brands = useQuery('brands:list', undefined, ['brands:did-change'])
  const toast = useToast()

  // Deleting asks no question: the toast's Undo puts the brand and its channel memberships back.
  async function remove(brand: Brand): Promise<void> {
    try {
      const snapshot = await call('brands:delete', { id: brand.id })
      brands.reload()
      toast.show({
        message: `Deleted “${brand.name}”.`,
        action: {
          label: 'Undo',
          onClick: async () => {
            try {
              await call('brands:restore', { snapshot })
              brands.reload()
            } catch (err) {
              toast.show({ message: errorMessage(err), tone: 'danger' })
            }
          },
        },
      })
    } catch (err) {
      toast.show({ message: errorMessage(err), tone: 'danger' })
    }
  }

  return (
    <SettingsSection title="Brands" description="Group channels by client or product. A channel can belong to several brands.">
      <BrandCreateForm onCreated={brands.reload} />
      {brands.error && !brands.data && <ErrorNotice message={brands.error} onRetry={brands.reload} />}
      {!brands.data && !brands.error && <Loading label="Loading brands…" />}
      {brands.data && brands.data.length === 0 && <p className="muted-note">No brands yet. Add one to start grouping channels.</p>}
      {brands.data && brands.data.length > 0 && (
        <ul className="boxed-list brand-list" aria-label="Brands">
          {brands.data.map((brand) => (
            <BrandRow key={brand.id} brand={brand} onRenamed={brands.reload} onDelete={remove} />
          ))}
        </ul>
      )}
    </SettingsSection>
  )
}
