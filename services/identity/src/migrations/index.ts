import { TenantsAndEmployees1763800001000 } from './1763800001000-tenants-and-employees.js';
import { OrgStructure1763800002000 } from './1763800002000-org-structure.js';
import { Imports1763800003000 } from './1763800003000-imports.js';
import { EmployeeNameWords1763800004000 } from './1763800004000-employee-name-words.js';
import { EmployeeNameWordOrder1763800005000 } from './1763800005000-employee-name-word-order.js';

export const identityMigrations = [
  TenantsAndEmployees1763800001000,
  OrgStructure1763800002000,
  Imports1763800003000,
  EmployeeNameWords1763800004000,
  EmployeeNameWordOrder1763800005000,
];
