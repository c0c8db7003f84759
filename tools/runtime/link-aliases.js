#!/usr/bin/env node
// After `tsc`: makes the workspace aliases (`@kinerja/*`, declared once in tsconfig.base.json `paths`) resolvable by
// Node itself in the compiled tree, so processes start as plain `node dist/…/main.js` with no resolve hook (a hook
// runs in a thread of its own, about 14 MB of every process's memory; decision 0013).
// Each alias becomes dist/node_modules/@kinerja/<name> → a link to its compiled folder, which gets a package.json
// whose `exports` mirror the alias. Idempotent; run by `npm run build` and by every project's `build` target.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const dist = path.join(root, 'dist');
const { paths } = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

// `@kinerja/platform/<part>` → libs/platform/src/<part>/index.ts gives the package `@kinerja/platform` in
// dist/libs/platform/src exporting each <part> as <part>/index.js; an alias without a wildcard exports ".".
export function packagesOf(aliases) {
  return Object.entries(aliases).map(([pattern, [target]]) => {
    const compiled = target.replace(/^\.\//, '').replace(/\.ts$/, '.js');
    if (pattern.endsWith('/*')) {
      const star = compiled.indexOf('*');
      const folder = compiled.slice(0, star).replace(/\/$/, '');
      return { name: pattern.slice(0, -2), folder, exports: { './*': `./${compiled.slice(folder.length + 1)}` } };
    }
    return {
      name: pattern,
      folder: path.posix.dirname(compiled),
      exports: { '.': `./${path.posix.basename(compiled)}` },
    };
  });
}

if (process.argv[1] === import.meta.filename) {
  for (const pkg of packagesOf(paths)) {
    const folder = path.join(dist, pkg.folder);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'package.json'),
      `${JSON.stringify({ type: 'module', private: true, exports: pkg.exports }, null, 2)}\n`,
    );
    const link = path.join(dist, 'node_modules', pkg.name);
    mkdirSync(path.dirname(link), { recursive: true });
    rmSync(link, { recursive: true, force: true });
    symlinkSync(path.relative(path.dirname(link), folder), link, 'dir');
  }
}
