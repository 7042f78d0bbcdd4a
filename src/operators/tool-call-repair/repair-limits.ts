/** Default cap on text or arguments held back while deciding (SEED-SPEC §7.1: 64 KB). */
export const TOOL_CALL_REPAIR_BUFFER_CAP_BYTES = 65_536;

/** Default cap on tool arguments held back by `repairJson` (SEED-SPEC §7.2: 64 KB). */
export const JSON_REPAIR_BUFFER_CAP_BYTES = 65_536;

/** JSON larger than this is never repaired (SEED-SPEC §7.2: input over 1 MB is rejected). */
export const JSON_REPAIR_MAX_INPUT_BYTES = 1_048_576;
