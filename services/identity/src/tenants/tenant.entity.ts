import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An instansi: a province, regency or city personnel agency (BKD/BKPSDM). */
@Entity('tenant')
export class TenantEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') level!: 'PROVINSI' | 'KABUPATEN' | 'KOTA';
  @Column('uuid', { name: 'parent_tenant_id', nullable: true }) parentTenantId!: string | null;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  /** Non-working days besides weekends, `YYYY-MM-DD`, sorted. */
  @Column('date', { array: true }) holidays!: string[];
  /** The kepala daerah's login (R5: rates the top unit's head). */
  @Column('text', { name: 'regional_head_subject', nullable: true }) regionalHeadSubject!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer') version!: number;
}
