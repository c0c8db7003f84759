import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  csvOf,
  EMPLOYEE_HEADER,
  employeeRows,
  loadSyntheticTenant,
  syntheticTenant,
  UNIT_HEADER,
  unitRows,
  xlsxOf,
} from '@kinerja/testing';

// A large synthetic tenant in the SIASN import layout: writes the files (unor.csv and pegawai.csv, and/or one XLSX
// with both sheets) and, with --load, imports them into a running platform (`npm start`) as a new tenant.

const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
    tenant: { type: 'string', default: 'SYN-PROV' },
    out: { type: 'string', default: '.dev/seed' },
    format: { type: 'string', default: 'csv' },
    load: { type: 'boolean', default: false },
    gateway: { type: 'string', default: 'http://127.0.0.1:3000' },
    issuer: { type: 'string', default: 'http://127.0.0.1:8081/realms/kinerja' },
    'data-dir': { type: 'string', default: '.dev' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(`node tools/seed [options]
  --employees N     employees to generate (default 50000)
  --seed S          generator seed; the same seed gives the same tenant (default 1)
  --out DIR         where the files are written (default .dev/seed)
  --format F        csv | xlsx | both (default csv)
  --load            import the files into the running platform as tenant --tenant (created when missing)
  --tenant CODE     tenant code for --load (default SYN-PROV)
  --gateway URL     the platform's gateway (default http://127.0.0.1:3000)
  --issuer URL      the dev identity provider's realm (default http://127.0.0.1:8081/realms/kinerja)
  --data-dir DIR    where npm start keeps demo-credentials.json (default .dev)
`);
  process.exit(0);
}

const employees = Number(values.employees);
if (!Number.isInteger(employees) || employees < 1 || employees > 1_000_000) {
  process.stderr.write('--employees must be a whole number from 1 to 1000000\n');
  process.exit(2);
}
if (!['csv', 'xlsx', 'both'].includes(values.format)) {
  process.stderr.write('--format must be csv, xlsx or both\n');
  process.exit(2);
}

const started = Date.now();
const tenant = syntheticTenant({ employees, seed: Number(values.seed) });
const out = path.resolve(values.out);
await mkdir(out, { recursive: true });
const files: string[] = [];
if (values.format !== 'xlsx') {
  await writeFile(path.join(out, 'unor.csv'), csvOf(UNIT_HEADER, unitRows(tenant)));
  await writeFile(path.join(out, 'pegawai.csv'), csvOf(EMPLOYEE_HEADER, employeeRows(tenant)));
  files.push('unor.csv', 'pegawai.csv');
}
if (values.format !== 'csv') {
  await writeFile(path.join(out, 'tenant.xlsx'), await xlsxOf(tenant));
  files.push('tenant.xlsx');
}
process.stdout.write(
  `generated ${tenant.units.length} units and ${tenant.employees.length} employees in ${Date.now() - started} ms: ` +
    `${files.map((f) => path.join(out, f)).join(', ')}\n`,
);

if (values.load) {
  const credentials = JSON.parse(await readFile(path.join(values['data-dir'], 'demo-credentials.json'), 'utf8')) as {
    platformAdmin: string;
  };
  const timings = await loadSyntheticTenant({
    gatewayUrl: values.gateway,
    issuer: values.issuer,
    platformAdminPassword: credentials.platformAdmin,
    code: values.tenant,
    tenant,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`loaded tenant ${values.tenant}: ${JSON.stringify(timings)}\n`);
}
