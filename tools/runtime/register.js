// Registers the resolver of the workspace aliases for compiled code: `node dist/...`.
// The aliases come from tsconfig.base.json `paths`, the one place they are declared.
import { register } from 'node:module';

register('./resolve-aliases.js', import.meta.url);
