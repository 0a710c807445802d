import { useQuery } from '../../lib/use-query'

export function AboutLine() {
  const { data, error } = useQuery('app:get-info', undefined, [])
  if (error) return <p className="about-line">{error}</p>
  if (!data) return <p className="about-line">Loading version…</p>
  return (
    <p className="about-line">
      <span>Relink {data.version}</span>
      <span>Database schema {data.schemaVersion}</span>
      <span>Demo mode {data.demoMode ? 'on' : 'off'}</span>
      <span>
        Data folder <code className="about-line__path">{data.dataDir}</code>
      </span>
    </p>
  )
}
