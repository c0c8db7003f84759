import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A pegawai (ASN employee), PNS or PPPK (R3). Unit, position and status are those of the latest placement and
 * status term (R4, R6); the terms hold them for any date.
 */
@Entity('employee')
export class EmployeeEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') nip!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'employment_type' }) employmentType!: 'PNS' | 'PPPK';
  @Column('text') status!: string;
  @Column('uuid', { name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column('text', { name: 'position_name', nullable: true }) positionName!: string | null;
  @Column('text', { name: 'jenis_jabatan', nullable: true }) jenisJabatan!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer') version!: number;
  /** R4: golongan ruang of a PNS (I/a … IV/e). */
  @Column('text', { nullable: true }) golongan!: string | null;
  @Column('text', { nullable: true }) jenjang!: string | null;
  @Column('date', { name: 'status_since' }) statusSince!: string;
  @Column('date', { name: 'birth_date', nullable: true }) birthDate!: string | null;
  /** L (laki-laki) | P (perempuan), from the NIP. */
  @Column('text', { nullable: true }) gender!: 'L' | 'P' | null;
  /** The identity-provider login (token `sub`) linked to the employee. */
  @Column('text', { name: 'account_subject', nullable: true }) accountSubject!: string | null;
  @Column('text', { nullable: true }) username!: string | null;
  @Column('text', { array: true }) roles!: string[];
}
