import { expect } from 'chai';
import { SECTORS } from './types.ts';

describe('market types', () => {
  it('lists the 11 GICS sectors once each', () => {
    expect(SECTORS).to.have.length(11);
    expect(new Set(SECTORS).size).to.equal(11);
  });
});
