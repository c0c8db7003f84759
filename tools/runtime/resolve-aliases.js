// Node ESM resolve hook: `@kinerja/<lib>[/<part>]` → the compiled file under dist/, derived from tsconfig.base.json paths.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
const dist = path.join(root, 'dist');
const { paths } = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

const aliases = Object.entries(paths).map(([pattern, [target]]) => {
  const compiled = path.join(dist, target.replace(/\.ts$/, '.js'));
  if (pattern.endsWith('/*')) {
    const prefix = pattern.slice(0, -1);
    return (specifier) =>
      specifier.startsWith(prefix) ? compiled.replace('*', specifier.slice(prefix.length)) : undefined;
  }
  return (specifier) => (specifier === pattern ? compiled : undefined);
});

export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('@kinerja/')) {
    for (const alias of aliases) {
      const file = alias(specifier);
      if (file) return nextResolve(pathToFileURL(file).href, context);
    }
  }
  return nextResolve(specifier, context);
}
