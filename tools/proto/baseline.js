// Writes proto/baseline.binpb, the committed image `buf breaking` compares against. Run it when a
// release fixes the contracts (a breaking change after that needs a new package version, v2).
import { baseline, buf, protoDir } from './buf.js';

if (buf(['build', protoDir, '--exclude-source-info', '-o', baseline]).status !== 0) {
  console.error('proto: buf build failed');
  process.exit(1);
}
console.log(`proto: wrote ${baseline}`);
