/**
 * A safe default switched off on purpose. The reason is kept in the construct's metadata and in cdk-nag's
 * acknowledgment, so the unsafe choice is possible but never silent.
 */
export interface OptOut {
  enabled: false;
  /** Why this deployment does without the safe default; shown in reviews and in the nag report. */
  reason: string;
}

export type SafeDefault = { enabled: true } | OptOut;

export const isOptedOut = (setting: SafeDefault | undefined): setting is OptOut => setting?.enabled === false;
