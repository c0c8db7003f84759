import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A pegawai (ASN employee), PNS or PPPK (R3). */
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
}
