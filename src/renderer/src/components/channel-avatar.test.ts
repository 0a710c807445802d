import { describe, expect, it } from 'vitest'
import { initialsOf } from './ChannelAvatar'

describe('a channel’s initials', () => {
  it('take the first letter of the first words, the same each time they are asked for', () => {
    expect(initialsOf('Northwind Coffee')).toBe('NC')
    expect(initialsOf('Northwind Coffee', 1)).toBe('N')
    expect(initialsOf('@ava')).toBe('A')
    expect(initialsOf('Ärztehaus östlich')).toBe('ÄÖ')
    expect(initialsOf('—')).toBe('?')
    expect(initialsOf('Northwind Coffee')).toBe('NC')
  })
})
