import { describe, expect, it } from 'vitest'
import { effortAreaCode, effortAreasFromLines } from './effort-area-lines.ts'

describe('effort areas typed one per line', () => {
  it('get the codes the first funding period uses', () => {
    expect(effortAreaCode('Beskæftigelse')).toBe('beskaeftigelse')
    expect(effortAreaCode('Uddannelse og livschancer')).toBe('uddannelse-og-livschancer')
    expect(effortAreaCode('Kriminalitetsforebyggelse')).toBe('kriminalitetsforebyggelse')
    expect(effortAreaCode('Sammenhængskraft og medborgerskab')).toBe('sammenhaengskraft-og-medborgerskab')
  })

  it('skip empty lines and keep the order', () => {
    expect(effortAreasFromLines('Beskæftigelse\n\n  Sundhed og trivsel  \n')).toEqual([
      { code: 'beskaeftigelse', name: 'Beskæftigelse' },
      { code: 'sundhed-og-trivsel', name: 'Sundhed og trivsel' },
    ])
  })
})
