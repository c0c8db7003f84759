import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

// Demo passwords are generated once per data directory and printed; none is kept in the repository.
export type DemoCredentials = { platformAdmin: string; tenantAdmin: string; employee: string };

export async function demoCredentials(dataDir: string): Promise<DemoCredentials> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'demo-credentials.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as DemoCredentials;
  const make = () => randomBytes(9).toString('base64url');
  const credentials: DemoCredentials = {
    platformAdmin: process.env.KINERJA_ADMIN_PASSWORD ?? make(),
    tenantAdmin: make(),
    employee: make(),
  };
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
