import { Targets1764000000001 } from './1764000000001-targets.js';
import { SkpPlanning1764000000002 } from './1764000000002-skp-planning.js';

export const targetsMigrations = [Targets1764000000001, SkpPlanning1764000000002];
