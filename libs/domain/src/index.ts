// @kinerja/domain: the rules of RULES.md as pure functions. Every decision returns a Result with an explanation (R30).

export { RULE_IDS, explanation, renderExplanation } from './explain/explanation.js';
export type { Explanation, Locale, LocalizedText, RuleId } from './explain/explanation.js';
export { DOMAIN_ERROR_CODES, failure, ok } from './explain/result.js';
export type { DomainError, DomainErrorCode, Failure, Issue, Ok, Result } from './explain/result.js';
export type { JsonObject, JsonValue } from './explain/json.js';

export {
  DEFAULT_TENANT_SETTINGS,
  settingsInForce,
  tenantSettings,
  validateTenantSettings,
} from './settings/tenant-settings.js';
export type {
  AnnualSettings,
  DailyLogSettings,
  DevelopmentSettings,
  DisciplineSettings,
  DistributionSettings,
  EvidenceSettings,
  FeedbackSettings,
  IkmSettings,
  LatenessTier,
  NineBoxSettings,
  OrgToHasilSettings,
  PeriodSettings,
  Pp30Settings,
  RatingSettings,
  RealisasiSettings,
  SettingsOverrides,
  SettingsVersion,
  SkpSettings,
  TenantSettings,
  TppSettings,
} from './settings/tenant-settings.js';

export { daysInMonth, isLeapYear, isLocalDate, isValidYmd, localDate } from './calendar/local-date.js';
export type { LocalDate } from './calendar/local-date.js';
export { isInstant, TIME_ZONES, UTC_OFFSET_HOURS } from './calendar/time-zone.js';
export type { Instant, TimeZone } from './calendar/time-zone.js';
export { CADENCES, periodContaining, periodsOfYear, tenantDate } from './calendar/periods.js';
export type { Cadence, Period, PeriodKind } from './calendar/periods.js';
export { addWorkingDays, isWorkingDay, workingDaysBetween } from './calendar/working-days.js';
export type { HolidayCalendar } from './calendar/working-days.js';

export { NI_PPPK_ISSUE_CODES, NIP_ISSUE_CODES, parseNiPppk, parseNip } from './identifiers/nip.js';
export type {
  JenisKelamin,
  NiPppkIssueCode,
  NiPppkParts,
  NipIssueCode,
  NipParts,
  NipSettings,
} from './identifiers/nip.js';
export {
  EMPLOYMENT_STATUS_LABELS,
  EMPLOYMENT_STATUSES,
  EMPLOYMENT_TYPE_LABELS,
  EMPLOYMENT_TYPES,
  GOLONGAN,
  GOLONGAN_PANGKAT,
  isJpt,
  JENIS_JABATAN,
  JENIS_JABATAN_LABELS,
  JENJANG,
  JENJANG_KEAHLIAN,
  JENJANG_KETERAMPILAN,
  JENJANG_LABELS,
  pangkatOf,
  requiresPerformanceManagement,
  validatePosition,
} from './identifiers/master-data.js';
export type {
  EmploymentStatus,
  EmploymentType,
  Golongan,
  JenisJabatan,
  Jenjang,
  Position,
} from './identifiers/master-data.js';

export { moduleActive, ROLLOUT_MODULES, ROLLOUT_SCOPES, validateRollout } from './settings/rollout.js';
export type { ModuleRollout, RolloutModule, RolloutScope } from './settings/rollout.js';

export { resolveRater } from './organisation/rater.js';
export { ACTING_KINDS, UNIT_KIND_LABELS, UNIT_KINDS } from './organisation/units.js';
export type { ActingKind, UnitKind } from './organisation/units.js';
export type {
  ActingAppointment,
  Assignment,
  DateRange,
  OrgSnapshot,
  OrgUnit,
  RaterResolution,
  RaterRole,
  RaterStep,
} from './organisation/rater.js';

export { BERAKHLAK, BERAKHLAK_VALUES, checkPerilakuRows, perilakuRows } from './skp/berakhlak.js';
export type { BerakhlakDefinition, BerakhlakValue, PerilakuRow } from './skp/berakhlak.js';
export {
  APPROACHES,
  ASPEK,
  cascadeIssues,
  PERSPEKTIF,
  RHK_TYPES,
  SKP_MISSING_CODES,
  skpCompleteness,
} from './skp/completeness.js';
export type {
  Approach,
  Aspek,
  Iki,
  Lampiran,
  Perspektif,
  RaterSkp,
  Rhk,
  RhkType,
  SkpCompleteness,
  SkpDraft,
} from './skp/completeness.js';
export { SKP_LIMITS } from './skp/limits.js';
export {
  allowedSkpActions,
  positionChange,
  SKP_ACTIONS,
  SKP_ACTORS,
  SKP_STATUSES,
  SKP_TRANSITIONS,
  skpFallbackActive,
  skpLateness,
  transitionSkp,
} from './skp/lifecycle.js';
export type {
  PositionChange,
  SkpAction,
  SkpActor,
  SkpAuditRecord,
  SkpEffect,
  SkpLateness,
  SkpStatus,
  SkpTransition,
  SkpTransitionRequest,
} from './skp/lifecycle.js';

export { capaian, DIRECTIONS, realisationOf } from './realisation/capaian.js';
export type {
  Capaian,
  CapaianInput,
  DailyLogState,
  Direction,
  NumericTarget,
  OutputEntry,
  RangeTarget,
  Realisation,
  RealisationAdjustment,
  Target,
  TextTarget,
} from './realisation/capaian.js';
export {
  checkDailyLogDate,
  DAILY_LOG_REFUSALS,
  dailyLogLateness,
  verificationOverdue,
} from './realisation/daily-log.js';
export type {
  DailyLogAcceptance,
  DailyLogLateness,
  DailyLogRefusal,
  VerificationStatus,
} from './realisation/daily-log.js';
export { checkEvidenceFile, EVIDENCE_MEDIA_TYPES, EVIDENCE_TYPES, sniffEvidenceType } from './realisation/evidence.js';
export type { EvidenceCheck, EvidenceType } from './realisation/evidence.js';

export {
  ANNUAL_DERIVATIONS,
  DISTRIBUTION_MODES,
  ORG_RATING_LABELS,
  ORG_RATINGS,
  PREDIKAT_LABELS,
  PREDIKATS,
  RATING_LABELS,
  RATINGS,
} from './evaluation/enums.js';
export type { AnnualDerivation, DistributionMode, OrgRating, Predikat, Rating } from './evaluation/enums.js';
export { canFinalisePredikats, PREDIKAT_MATRIX, predikat, unitHeadRatingHasil } from './evaluation/predikat.js';
export { suggestRatingHasil } from './evaluation/suggested-rating.js';
export type { IkiClass, RatingSuggestion, UtamaIkiCapaian } from './evaluation/suggested-rating.js';
export { validateDistribution, validateDistributionCounts } from './evaluation/distribution.js';
export type {
  ClauseKind,
  DistributionClause,
  DistributionReport,
  DistributionVerdict,
  PredikatCounts,
} from './evaluation/distribution.js';
export { annualPredikat } from './evaluation/annual.js';
export type { AnnualPredikat, PeriodicResult } from './evaluation/annual.js';
export { OBJECTION_WINDOW_DAYS, objectionWindow, resolveObjection } from './evaluation/objection.js';
export type {
  ObjectionDecision,
  ObjectionResolution,
  ObjectionToResolve,
  ObjectionWindow,
} from './evaluation/objection.js';

export { displayValue, roundHalfAwayFromZero } from './numeric/rounding.js';
export { PP46_BANDS, pp46ActivityScore, pp46BandOf, pp46Prestasi } from './numeric/pp46.js';
export type { Pp46Activity, Pp46ActivityScore, Pp46Band, Pp46Result, TargetRealisation } from './numeric/pp46.js';
export { PP30_PREDIKATS, pp30Nilai } from './numeric/pp30.js';
export type { Pp30Predikat, Pp30Result } from './numeric/pp30.js';
export { ikiValue } from './numeric/iki-value.js';
export type { IkiValue, IkiValueBand } from './numeric/iki-value.js';

export { AK_COEFFICIENT, AK_PERCENTAGE, angkaKredit, monthsInPosition } from './follow-up/credit-points.js';
export type { AngkaKredit } from './follow-up/credit-points.js';
export {
  ABSENCE_SANCTION_LABELS,
  ABSENCE_SANCTIONS,
  absenceEscalation,
  absenceSanctionFor,
  CONSECUTIVE_DAYS_FOR_DISMISSAL,
  supervisorAccountabilityFlag,
} from './follow-up/absence.js';
export type { AbsenceRecommendation, AbsenceSanction } from './follow-up/absence.js';
export { TPP_MONTHLY_CAP_PERCENT, tppAmount, tppDisciplineDeduction } from './follow-up/tpp.js';
export type { AttendanceDay, TppAmount, TppDeduction } from './follow-up/tpp.js';
export { developmentFlags, PNS_MIN_JP } from './follow-up/development.js';
export type { DevelopmentFlag } from './follow-up/development.js';
export { NINE_BOX, NINE_BOX_RECOMMENDATIONS, nineBox, POTENSIAL, TALENT_POOL_BOXES } from './follow-up/nine-box.js';
export type { NineBoxNumber, NineBoxPlacement, Potensial } from './follow-up/nine-box.js';
export { UNDERPERFORMING, underperformanceFollowUps } from './follow-up/underperformance.js';
export type { FollowUp, PredikatScope } from './follow-up/underperformance.js';

export { ikm, IKM_ELEMENTS, IKM_MUTU, IKM_MUTU_LABELS } from './feedback/ikm.js';
export type { IkmElement, IkmMutu, IkmResponse, IkmResult } from './feedback/ikm.js';
export { aggregate360, ANONYMOUS_GROUPS, FEEDBACK_GROUPS } from './feedback/feedback-360.js';
export type { Feedback360, FeedbackAnswer, FeedbackGroup, GroupSummary } from './feedback/feedback-360.js';
export { complaintTimes } from './feedback/complaints.js';
export type { Complaint, ComplaintSla, ComplaintTimes, DurationStats } from './feedback/complaints.js';
export { checkCoachingRecord, COACHING_TYPES, SESSION_STATEMENTS } from './feedback/coaching.js';
export type { CoachingRecord, CoachingSummary, CoachingType } from './feedback/coaching.js';
