import ExcelJS from 'exceljs';

// Synthetic regional governments in the SIASN import layout (services/identity/README.md "Bulk import"): an org
// tree under the Sekretariat Daerah (perangkat daerah, sekretariat and bagian, bidang and seksi, UPT with schools
// and puskesmas below), a definitive head for every unit, and employees with valid NIPs (R1) and NI PPPK (R2),
// positions that fit their units (R4) and a few exempt statuses (R3). Deterministic for a given seed.

export const UNIT_HEADER = [
  'UNOR_ID',
  'NAMA_UNOR',
  'JENIS_UNOR',
  'DIATASAN_ID',
  'NAMA_JABATAN',
  'NIP_PIMPINAN',
  'TMT_BERLAKU',
] as const;
export const EMPLOYEE_HEADER = [
  'NIP_BARU',
  'NAMA',
  'JENIS_PEGAWAI',
  'KEDUDUKAN_HUKUM',
  'GOL_AKHIR',
  'JENIS_JABATAN',
  'JENJANG',
  'JABATAN_NAMA',
  'UNOR_ID',
  'TMT_JABATAN',
  'EMAIL',
] as const;

export type SyntheticUnit = {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  headTitle: string;
  headNip: string | null;
};
export type SyntheticEmployee = {
  nip: string;
  name: string;
  type: 'PNS' | 'PPPK';
  status: string;
  golongan: string;
  jenisJabatan: string;
  jenjang: string;
  position: string;
  unit: string;
  email: string;
};
export type SyntheticTenant = { units: SyntheticUnit[]; employees: SyntheticEmployee[]; from: string };

/** A fixed employee the caller wants in the tenant (demo accounts), placed in a unit by code. */
export type NamedEmployee = Omit<SyntheticEmployee, 'status' | 'email'> & { heads?: boolean };

const PERANGKAT_DAERAH: [string, string, string[]][] = [
  ['BKD', 'Badan Kepegawaian Daerah', ['Penilaian Kinerja', 'Mutasi dan Promosi', 'Pengembangan Kompetensi']],
  ['DINKES', 'Dinas Kesehatan', ['Pelayanan Kesehatan', 'Kesehatan Masyarakat', 'Pencegahan Penyakit']],
  ['DISDIK', 'Dinas Pendidikan', ['Pembinaan SMA', 'Pembinaan SMK', 'Pendidikan Khusus']],
  ['DPUPR', 'Dinas Pekerjaan Umum dan Penataan Ruang', ['Bina Marga', 'Sumber Daya Air', 'Cipta Karya']],
  ['BAPPEDA', 'Badan Perencanaan Pembangunan Daerah', ['Perencanaan Ekonomi', 'Infrastruktur', 'Sosial Budaya']],
  ['BPKAD', 'Badan Pengelolaan Keuangan dan Aset Daerah', ['Anggaran', 'Perbendaharaan', 'Aset']],
  ['INSPEKTORAT', 'Inspektorat Daerah', ['Pengawasan I', 'Pengawasan II', 'Investigasi']],
  ['DISHUB', 'Dinas Perhubungan', ['Lalu Lintas', 'Angkutan', 'Pelayaran']],
  ['DINSOS', 'Dinas Sosial', ['Rehabilitasi Sosial', 'Perlindungan Sosial', 'Pemberdayaan Sosial']],
  ['DISKOMINFO', 'Dinas Komunikasi dan Informatika', ['Aplikasi Informatika', 'Informasi Publik', 'Persandian']],
  ['SATPOLPP', 'Satuan Polisi Pamong Praja', ['Penegakan Perda', 'Ketertiban Umum', 'Perlindungan Masyarakat']],
  ['DLH', 'Dinas Lingkungan Hidup', ['Tata Lingkungan', 'Pengendalian Pencemaran', 'Pengelolaan Sampah']],
];

const MALE = [
  'Agus',
  'Bambang',
  'Dedi',
  'Eko',
  'Fajar',
  'Gunawan',
  'Hendra',
  'Irfan',
  'Joko',
  'Kurniawan',
  'Lukman',
  'Muhammad',
  'Nanang',
  'Rizki',
  'Slamet',
  'Taufik',
  'Wahyu',
  'Yusuf',
  'Arief',
  'Dimas',
  'Hadi',
  'Rahmat',
];
const FEMALE = [
  'Ani',
  'Dewi',
  'Endang',
  'Fitri',
  'Indah',
  'Kartika',
  'Lestari',
  'Maya',
  'Nur',
  'Putri',
  'Ratna',
  'Sari',
  'Tri',
  'Wulan',
  'Yuni',
  'Ayu',
  'Desi',
  'Intan',
  'Mega',
  'Rina',
  'Sinta',
  'Wati',
];
const FAMILY = [
  'Pratama',
  'Saputra',
  'Wibowo',
  'Susanto',
  'Hidayati',
  'Kusuma',
  'Nugroho',
  'Lestari',
  'Purnomo',
  'Setiawan',
  'Rahayu',
  'Handayani',
  'Siregar',
  'Nasution',
  'Simanjuntak',
  'Manurung',
  'Harahap',
  'Sitompul',
  'Wijayanti',
  'Permana',
  'Firmansyah',
  'Maulana',
  'Utami',
  'Anggraini',
  'Sembiring',
  'Tarigan',
  'Pohan',
];
const JF_KEAHLIAN = [
  ['Analis SDM Aparatur', 'AHLI_PERTAMA'],
  ['Perencana', 'AHLI_MUDA'],
  ['Auditor', 'AHLI_PERTAMA'],
  ['Pranata Komputer', 'AHLI_MUDA'],
  ['Dokter', 'AHLI_MADYA'],
  ['Guru', 'AHLI_PERTAMA'],
  ['Analis Kebijakan', 'AHLI_MUDA'],
] as const;
const JF_KETERAMPILAN = [
  ['Perawat', 'TERAMPIL'],
  ['Bidan', 'MAHIR'],
  ['Pranata Komputer', 'TERAMPIL'],
  ['Arsiparis', 'PENYELIA'],
  ['Pengelola Pengadaan Barang/Jasa', 'MAHIR'],
] as const;
const PELAKSANA = ['Pengadministrasi Umum', 'Pengolah Data', 'Analis Data', 'Pengelola Keuangan', 'Penata Laporan'];
const EXEMPT = ['CLTN', 'TUGAS_BELAJAR', 'MPP', 'DIBERHENTIKAN_SEMENTARA'];

/** mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function syntheticTenant(options: {
  employees: number;
  seed?: number;
  /** Perangkat daerah; default: enough for about 25 employees per unit. */
  perangkatDaerah?: number;
  named?: NamedEmployee[];
  /** Units to leave without a definitive head. */
  vacant?: string[];
  from?: string;
}): SyntheticTenant {
  const rnd = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const from = options.from ?? '2024-01-01';
  const units: SyntheticUnit[] = [];
  const unit = (code: string, name: string, kind: string, parent: string | null, headTitle: string) =>
    units.push({ code, name, kind, parent, headTitle, headNip: null });

  // The tree: about 25 employees per unit, like a province with its schools and health centres.
  const pdCount = options.perangkatDaerah ?? Math.max(10, Math.round(options.employees / 25 / 24));
  unit('SETDA', 'Sekretariat Daerah', 'PERANGKAT_DAERAH', null, 'Sekretaris Daerah');
  for (let i = 0; i < pdCount; i += 1) {
    const [baseCode, baseName, bidang] = PERANGKAT_DAERAH[i % PERANGKAT_DAERAH.length] as [string, string, string[]];
    const round = Math.floor(i / PERANGKAT_DAERAH.length);
    const code = round === 0 ? baseCode : `${baseCode}-${round + 1}`;
    const name = round === 0 ? baseName : `${baseName} Wilayah ${round + 1}`;
    unit(code, name, 'PERANGKAT_DAERAH', 'SETDA', `Kepala ${name}`);
    unit(`${code}-SEK`, `Sekretariat ${name}`, 'SEKRETARIAT', code, 'Sekretaris');
    unit(`${code}-SEK-UMP`, 'Subbagian Umum dan Kepegawaian', 'SUBBAGIAN', `${code}-SEK`, 'Kepala Subbagian Umum');
    unit(`${code}-SEK-KEU`, 'Subbagian Keuangan', 'SUBBAGIAN', `${code}-SEK`, 'Kepala Subbagian Keuangan');
    bidang.forEach((b, j) => {
      const bidangCode = `${code}-${['PK', 'B2', 'B3'][j]}`;
      const kind = baseName.startsWith('Badan') ? 'SUBBIDANG' : 'SEKSI';
      unit(bidangCode, `Bidang ${b}`, 'BIDANG', code, `Kepala Bidang ${b}`);
      for (let k = 1; k <= 2; k += 1)
        unit(
          k === 1 && j === 0 && baseCode === 'BKD' && round === 0 ? `${bidangCode}-AK` : `${bidangCode}-${k}`,
          k === 1 && j === 0 && baseCode === 'BKD' && round === 0
            ? 'Subbidang Analisis Kinerja'
            : `${kind === 'SEKSI' ? 'Seksi' : 'Subbidang'} ${b} ${k}`,
          kind,
          bidangCode,
          `Kepala ${kind === 'SEKSI' ? 'Seksi' : 'Subbidang'}`,
        );
    });
    // Dinas with service units: schools and puskesmas under UPT branches (the deepest part of the tree).
    if (baseCode === 'DISDIK' || baseCode === 'DINKES') {
      const leafKind = baseCode === 'DISDIK' ? 'SEKOLAH' : 'PUSKESMAS';
      const branches = Math.max(1, Math.round(options.employees / 25 / pdCount / 4));
      for (let u = 1; u <= branches; u += 1) {
        const upt = `${code}-UPT${pad(u)}`;
        unit(
          upt,
          `UPTD ${leafKind === 'SEKOLAH' ? 'Cabang Dinas Pendidikan' : 'Puskesmas'} ${u}`,
          'UPT',
          code,
          'Kepala UPTD',
        );
        if (leafKind === 'SEKOLAH')
          for (let s = 1; s <= 4; s += 1)
            unit(`${upt}-S${s}`, `SMA Negeri ${(u - 1) * 4 + s}`, 'SEKOLAH', upt, 'Kepala Sekolah');
        else unit(`${upt}-P`, `Puskesmas Rawat Inap ${u}`, 'PUSKESMAS', upt, 'Kepala Puskesmas');
      }
    }
  }

  const byCode = new Map(units.map((u) => [u.code, u]));
  const nips = new Set<string>();
  const identifier = (type: 'PNS' | 'PPPK', gender: 1 | 2, senior = false): string => {
    for (;;) {
      const year = senior ? int(1965, 1980) : type === 'PNS' ? int(1965, 1998) : int(1975, 2000);
      const birth = `${year}${pad(int(1, 12))}${pad(int(1, 28))}`;
      const appointed =
        type === 'PNS'
          ? `${Math.min(2023, year + int(20, 32))}${pad(int(1, 12))}`
          : `${int(Math.max(2019, year + 18), 2024)}${pad(int(1, 99))}`;
      const nip = `${birth}${appointed}${gender}${pad(int(1, 999), 3)}`;
      if (!nips.has(nip)) {
        nips.add(nip);
        return nip;
      }
    }
  };
  const employees: SyntheticEmployee[] = [];
  for (const n of options.named ?? []) {
    nips.add(n.nip);
    employees.push({
      ...n,
      status: 'AKTIF',
      email: `${n.name.toLowerCase().replace(/[^a-z]+/g, '.')}@kinerja.invalid`,
    });
    const headed = byCode.get(n.unit);
    if (n.heads && headed) headed.headNip = n.nip;
  }
  const vacant = new Set(options.vacant ?? []);
  const person = (unitCode: string, role: 'head' | 'staff', level: number): SyntheticEmployee => {
    const gender = rnd() < 0.5 ? 1 : 2;
    const type = role === 'head' || rnd() < 0.85 ? 'PNS' : 'PPPK';
    const name = `${pick(gender === 1 ? MALE : FEMALE)} ${pick(FAMILY)}`;
    let jenisJabatan: string;
    let jenjang = '';
    let position: string;
    let golongan = '';
    const u = byCode.get(unitCode) as SyntheticUnit;
    if (role === 'head') {
      jenisJabatan =
        level === 0
          ? 'JPT_MADYA'
          : level === 1
            ? 'JPT_PRATAMA'
            : ['BIDANG', 'SEKRETARIAT', 'UPT'].includes(u.kind)
              ? 'ADMINISTRATOR'
              : 'PENGAWAS';
      position = u.headTitle;
      golongan = jenisJabatan.startsWith('JPT')
        ? pick(['IV/c', 'IV/d'])
        : jenisJabatan === 'ADMINISTRATOR'
          ? pick(['IV/a', 'IV/b'])
          : pick(['III/c', 'III/d']);
    } else {
      const r = rnd();
      if (r < 0.45) {
        jenisJabatan = 'PELAKSANA';
        position = pick(PELAKSANA);
      } else if (r < 0.8) {
        const [title, level2] = pick(JF_KEAHLIAN);
        jenisJabatan = 'JF_KEAHLIAN';
        jenjang = level2;
        position = `${title} ${level2 === 'AHLI_PERTAMA' ? 'Ahli Pertama' : level2 === 'AHLI_MUDA' ? 'Ahli Muda' : 'Ahli Madya'}`;
      } else {
        const [title, level2] = pick(JF_KETERAMPILAN);
        jenisJabatan = 'JF_KETERAMPILAN';
        jenjang = level2;
        position = `${title} ${level2.charAt(0)}${level2.slice(1).toLowerCase()}`;
      }
      if (type === 'PNS') golongan = pick(['II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d']);
    }
    const nip = identifier(type, gender, role === 'head' && level < 2);
    return {
      nip,
      name,
      type,
      status: role === 'staff' && rnd() < 0.03 ? pick(EXEMPT) : 'AKTIF',
      golongan,
      jenisJabatan,
      jenjang,
      position,
      unit: unitCode,
      email: rnd() < 0.6 ? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${nip.slice(-4)}@kinerja.invalid` : '',
    };
  };
  const depth = new Map<string, number>();
  for (const u of units) depth.set(u.code, u.parent === null ? 0 : (depth.get(u.parent) ?? 0) + 1);
  for (const u of units) {
    if (u.headNip !== null || vacant.has(u.code) || employees.length >= options.employees) continue;
    const head = person(u.code, 'head', depth.get(u.code) ?? 2);
    u.headNip = head.nip;
    employees.push(head);
  }
  // Staff: more in service units and seksi than in the top units.
  const weighted = units.flatMap((u) =>
    Array<string>(['SEKOLAH', 'PUSKESMAS'].includes(u.kind) ? 4 : depth.get(u.code) === 0 ? 1 : 2).fill(u.code),
  );
  while (employees.length < options.employees) employees.push(person(pick(weighted), 'staff', 3));
  return { units, employees, from };
}

/** The sheets as rows of the import layout. */
export function unitRows(tenant: SyntheticTenant, withHeads = true): string[][] {
  return tenant.units.map((u) => [
    u.code,
    u.name,
    u.kind,
    u.parent ?? '',
    u.headTitle,
    withHeads ? (u.headNip ?? '') : '',
    tenant.from,
  ]);
}

export function employeeRows(tenant: SyntheticTenant): string[][] {
  return tenant.employees.map((e) => [
    e.nip,
    e.name,
    e.type,
    e.status,
    e.golongan,
    e.jenisJabatan,
    e.jenjang,
    e.position,
    e.unit,
    tenant.from,
    e.email,
  ]);
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

export function csvOf(header: readonly string[], rows: readonly string[][]): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** An XLSX workbook with a UNOR and a PEGAWAI sheet (every cell as text, so NIPs keep their 18 digits). */
export async function xlsxOf(tenant: SyntheticTenant): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('UNOR').addRows([[...UNIT_HEADER], ...unitRows(tenant)]);
  workbook.addWorksheet('PEGAWAI').addRows([[...EMPLOYEE_HEADER], ...employeeRows(tenant)]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
