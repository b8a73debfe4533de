import { Role } from '../role';
import { SignatureMeaning } from '../signature';
import { DutyRule, checkDutySeparation, checkMaySign, checkRoleChange, dutyConflict, signerRoleProblem } from './roleRules';

describe('separation of duties', () => {
  it('finds every signing role held next to ADMIN, and nothing without ADMIN', () => {
    expect(dutyConflict([Role.ADMIN, Role.REVIEWER])).toEqual([Role.REVIEWER]);
    expect(dutyConflict([Role.QA, Role.ADMIN, Role.SCIENTIST])).toEqual([Role.SCIENTIST, Role.QA]);
    expect(dutyConflict([Role.ADMIN, Role.VIEWER])).toEqual([]);
    expect(dutyConflict([Role.REVIEWER, Role.QA, Role.SCIENTIST])).toEqual([]);
  });

  it.each([[[Role.ADMIN, Role.REVIEWER]], [[Role.ADMIN, Role.QA]], [[Role.ADMIN, Role.SCIENTIST]]])('refuses the grant %j with CONFLICT naming the rule', (roles) => {
    expect(() => checkDutySeparation(roles)).toThrow(expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ rule: DutyRule.ADMIN_NEVER_SIGNS }) }));
    expect(() => checkDutySeparation(roles)).toThrow(/ADMIN_NEVER_SIGNS/);
  });

  it('lets ADMIN sit with VIEWER, and signing roles sit together', () => {
    expect(() => checkDutySeparation([Role.ADMIN, Role.VIEWER])).not.toThrow();
    expect(() => checkDutySeparation([Role.REVIEWER, Role.QA])).not.toThrow();
  });

  it('refuses any change of one\'s own roles, even to the same set', () => {
    expect(() => checkRoleChange('ada', 'ada', [Role.ADMIN])).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: expect.objectContaining({ rule: DutyRule.NO_SELF_ROLE_CHANGE }) }));
    expect(() => checkRoleChange('ada', 'bob', [Role.REVIEWER])).not.toThrow();
    expect(() => checkRoleChange('ada', 'bob', [Role.ADMIN, Role.QA])).toThrow(/ADMIN_NEVER_SIGNS/);
  });

  it('refuses signing by an account that breaks the rule', () => {
    expect(() => checkMaySign('ada', [Role.ADMIN, Role.REVIEWER])).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => checkMaySign('rita', [Role.REVIEWER])).not.toThrow();
  });

  it('judges a stored signature by its recorded role and the signer\'s roles now', () => {
    expect(signerRoleProblem(SignatureMeaning.REVIEWED, Role.REVIEWER, [Role.REVIEWER])).toBeNull();
    expect(signerRoleProblem(SignatureMeaning.APPROVED, Role.REVIEWER, [Role.REVIEWER])).toMatch(/made as REVIEWER.*APPROVED/);
    expect(signerRoleProblem(SignatureMeaning.REVIEWED, Role.ADMIN, null)).toMatch(/made as ADMIN/);
    expect(signerRoleProblem(SignatureMeaning.REVIEWED, Role.REVIEWER, [Role.ADMIN, Role.REVIEWER])).toMatch(/now holds ADMIN.*ADMIN_NEVER_SIGNS/);
    expect(signerRoleProblem(SignatureMeaning.REVIEWED, null, [Role.REVIEWER])).toBeNull();
    expect(signerRoleProblem(SignatureMeaning.REVIEWED, null, null)).toBeNull();
  });
});
