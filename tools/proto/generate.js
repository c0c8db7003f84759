// `npm run proto`: formats the proto sources, then regenerates libs/contracts/src/gen from them.
// Formatting comes first so the comments copied into the generated code match the committed sources.
import { buf, generate, protoDir } from './buf.js';

if (buf(['format', '-w', protoDir]).status !== 0) {
  console.error('proto: buf format failed');
  process.exit(1);
}
if (generate() !== 0) {
  console.error('proto: buf generate failed');
  process.exit(1);
}
console.log('proto: formatted proto/ and regenerated libs/contracts/src/gen');
