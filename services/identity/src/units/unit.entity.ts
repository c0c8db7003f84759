import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A unit organisasi (unor): a node of a tenant's org tree. Parent and head are the latest terms' (see the terms). */
@Entity('unit')
export class UnitEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') kind!: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId!: string | null;
  @Column('text', { name: 'head_position_name', nullable: true }) headPositionName!: string | null;
  @Column('uuid', { name: 'head_employee_id', nullable: true }) headEmployeeId!: string | null;
  @Column('boolean') active!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer') version!: number;
}

/** A PLT (acting) or PLH (daily acting) head of a unit for a date range (R5). */
@Entity('acting_appointment')
export class ActingAppointmentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'unit_id' }) unitId!: string;
  @Column('uuid', { name: 'employee_id' }) employeeId!: string;
  @Column('text') kind!: 'PLT' | 'PLH';
  @Column('date', { name: 'valid_from' }) from!: string;
  @Column('date', { name: 'valid_to', nullable: true }) to!: string | null;
  @Column('text', { name: 'decree_number', nullable: true }) decreeNumber!: string | null;
  @Column('boolean') revoked!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer') version!: number;
}
