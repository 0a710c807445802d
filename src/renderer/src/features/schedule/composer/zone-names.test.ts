import { describe, expect, it } from 'vitest'
import { searchZones, zoneName } from './zone-names'

const JAN = Date.UTC(2026, 0, 5)

describe('time zone names', () => {
  it('reads an IANA id as a city, its region and its offset', () => {
    const ny = zoneName('America/New_York', JAN)
    expect(ny.label).toBe('New York (America)')
    expect(ny.detail).toMatch(/^GMT-05:00 · Eastern Standard Time$/)
    expect(zoneName('America/Argentina/Buenos_Aires', JAN).label).toBe('Buenos Aires (America, Argentina)')
    expect(zoneName('UTC', JAN).label).toBe('UTC')
  })

  it('finds zones by city, long name or offset, cities starting with the words first', () => {
    const all = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Auckland'].map((z) => zoneName(z, JAN))
    expect(searchZones(all, 'new york').map((z) => z.id)).toEqual(['America/New_York'])
    expect(searchZones(all, 'pacific').map((z) => z.id)).toEqual(expect.arrayContaining(['America/Los_Angeles', 'Pacific/Auckland']))
    expect(searchZones(all, 'GMT+05:30').map((z) => z.id)).toEqual(['Asia/Kolkata'])
    expect(searchZones(all, 'ber')[0]?.id).toBe('Europe/Berlin')
    expect(searchZones(all, '')).toHaveLength(5)
    const indian = [zoneName('Indian/Antananarivo', JAN), zoneName('Asia/Kolkata', JAN)]
    expect(searchZones(indian, 'india')[0]?.id).toBe('Asia/Kolkata')
  })
})
