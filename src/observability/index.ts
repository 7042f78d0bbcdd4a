export {
  buildCaptureEntry,
  formatCaptureLine,
  formatCaptureSource,
  formatCaptureTimestamp,
  type CaptureContentType,
  type CaptureContext,
  type CaptureDirection,
  type CaptureEntry,
  type CaptureEntryInput,
  type CaptureRecord,
} from './capture-entry.js';
export { createCaptureSequence, nextCaptureSequence } from './capture-sequence.js';
export type { CaptureSink } from './capture-sink.js';
export { nodeCaptureFileSystem, type CaptureFileSystem } from './capture-file-system.js';
export {
  createCaptureWriter,
  type CaptureWriter,
  type CaptureWriterOptions,
  type CaptureWriterStats,
} from './capture-writer.js';
export { startCaptureWorker, type CaptureWorkerOptions } from './start-capture-worker.js';
export { createObservabilityTables, createRowWriter, type ObservabilityTable, type RowWriter, type RowWriterOptions, type SqlRow } from './row-writer.js';
export { startRowWriterWorker, type RowWriterWorkerOptions } from './start-row-writer-worker.js';
export {
  defaultObservabilityDatabaseFile,
  openObservabilityDatabase,
  type ObservabilityDatabase,
} from './open-observability-database.js';
export type { PendingTokenCount, TokenCounter, UsageRecordInput, UsageRow } from './usage-record.js';
export type { UsageAggregate, UsageFilters, UsageStats } from './query-usage-stats.js';
export { openUsageStore, type UsageStore, type UsageStoreOptions } from './usage-store.js';
export {
  openAuditStore,
  type AuditEntry,
  type AuditEntryInput,
  type AuditKind,
  type AuditQuery,
  type AuditStore,
  type AuditStoreOptions,
} from './audit-store.js';
export type { BatchWriteQueueStats } from './batch-write-queue.js';
export { countPendingTokens } from './count-pending-tokens.js';
