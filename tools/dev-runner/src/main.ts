import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoCredentials } from './credentials.js';
import { repoRoot, startPlatform } from './platform.js';
import { DEMO_EMPLOYEES, DEMO_REGIONAL_HEAD, DEMO_TENANT, DEMO_TENANT_ADMIN, demoEmployees, seedDemo } from './seed.js';

// `npm start`: the whole platform on this machine, with a demo tenant, until Ctrl-C.
const { values } = parseArgs({
  options: {
    'single-process': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: path.join(repoRoot, '.dev') },
    'gateway-port': { type: 'string', default: process.env.HTTP_PORT ?? '3000' },
    'idp-port': { type: 'string', default: process.env.DEV_IDP_PORT ?? '8081' },
    'no-seed': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'database-suffix': { type: 'string', default: '' },
    'extra-issuer': { type: 'string', multiple: true, default: [] },
  },
});

const dataDir = path.resolve(values['data-dir']);
const credentials = await demoCredentials(dataDir);
const say = (line: string) => process.stdout.write(`${line}\n`);
const platform = await startPlatform({
  dataDir,
  gatewayPort: Number(values['gateway-port']),
  idpPort: Number(values['idp-port']),
  singleProcess: values['single-process'],
  databaseSuffix: values['database-suffix'],
  extraIssuers: values['extra-issuer'],
  env: { DEV_IDP_ADMIN_PASSWORD: credentials.platformAdmin },
  onLine: values.quiet ? undefined : (name, line) => say(`[${name}] ${line}`),
});

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  say(`\n${signal}: stopping the platform…`);
  await platform.stop();
  say('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

if (!values['no-seed'])
  await seedDemo(platform.gatewayUrl, platform.issuer, credentials, (line) => say(`[seed] ${line}`));

say(`
Kinerja is running.
  API            ${platform.gatewayUrl}/api/v1
  API docs       ${platform.gatewayUrl}/api/docs   (OpenAPI: ${platform.gatewayUrl}/api/openapi.json)
  Identity (OIDC) ${platform.issuer}
Demo accounts (password grant, client_id=kinerja-cli):
  platform admin  admin / ${credentials.platformAdmin}
  tenant admin    ${DEMO_TENANT_ADMIN} / ${credentials.tenantAdmin}   (tenant ${DEMO_TENANT.code})
  regional head   ${DEMO_REGIONAL_HEAD} / ${credentials.employee}   (kepala daerah: rates the sekretaris daerah)
  employees (password ${credentials.employee}):
${demoEmployees.map((e) => `    ${e.username.padEnd(16)} ${e.role}`).join('\n')}
  and ${DEMO_EMPLOYEES - demoEmployees.length} more employees across the demo org tree (without logins)
Try:
  TOKEN=$(curl -s -d grant_type=password -d client_id=kinerja-cli -d username=${DEMO_TENANT_ADMIN} -d password=${credentials.tenantAdmin} ${platform.issuer}/protocol/openid-connect/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -H "Authorization: Bearer $TOKEN" ${platform.gatewayUrl}/api/v1/me
Press Ctrl-C to stop.`);
const pids = Object.fromEntries([...platform.processes].map(([name, child]) => [name, child.pid]));
say(
  `KINERJA_READY ${JSON.stringify({ gatewayUrl: platform.gatewayUrl, issuer: platform.issuer, natsUrl: platform.natsUrl, databases: platform.databases, pids })}`,
);
