import { Targets1764000000001 } from './1764000000001-targets.js';

export const targetsMigrations = [Targets1764000000001];
