#!/usr/bin/env node
// The registry these machines reach serves only some platforms' builds of packages like @bufbuild/buf and
// unrs-resolver. npm then leaves the other platforms' optional packages out of package-lock.json, and `npm ci`
// refuses the lock ("Missing: … from lock file"). This adds those entries with their os/cpu, which npm skips on
// every other platform without fetching them. Run after `npm install` changes the lock.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '../../package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const os = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const cpus = {
  arm64: 'arm64',
  aarch64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  armv7: 'arm',
  arm: 'arm',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  wasm32: 'wasm32',
};

let added = 0;
for (const [where, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`${where}/node_modules/${name}`]) continue;
    const parts = name.split('/').pop().split('-');
    const platform = os.find((o) => parts.includes(o));
    const cpu = Object.keys(cpus).find((c) => parts.includes(c) || parts.some((p) => p.startsWith(c)));
    if (!platform || !cpu) continue;
    const entry = { version, dev: pkg.dev, optional: true, os: [platform], cpu: [cpus[cpu]] };
    if (parts.includes('gnu') || parts.includes('gnueabihf')) entry.libc = ['glibc'];
    if (parts.includes('musl') || parts.includes('musleabihf')) entry.libc = ['musl'];
    if (!entry.dev) delete entry.dev;
    lock.packages[key] = entry;
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`added ${added} foreign-platform optional entries\n`);
