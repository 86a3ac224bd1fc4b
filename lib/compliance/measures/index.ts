// Every measure of the compliance record, in the order the record shows them. A new measure is a
// pure function of the facts (lib/compliance/measure.ts), added here; if it needs facts the
// loader does not gather yet, lib/compliance/load.ts reads them.
import type { ComplianceFacts, Measure } from "@/lib/compliance/measure";
import { approvalMeasure, s2Measure } from "@/lib/compliance/measures/access";
import { l1Measure, l2Measure } from "@/lib/compliance/measures/collection";
import { consentMeasure } from "@/lib/compliance/measures/consent";
import { i1Measure, identifierMeasure } from "@/lib/compliance/measures/identifiers";
import { m0Measure, modeMeasure, s1Measure, s1SealedCopyMeasure } from "@/lib/compliance/measures/masking";
import { pagePathsMeasure, sensitivePagesMeasure } from "@/lib/compliance/measures/pages";
import { retentionMeasure } from "@/lib/compliance/measures/retention";

export const MEASURES: readonly ((f: ComplianceFacts) => Measure)[] = [
  consentMeasure,
  l2Measure,
  l1Measure,
  sensitivePagesMeasure,
  m0Measure,
  pagePathsMeasure,
  modeMeasure,
  s1Measure,
  s1SealedCopyMeasure,
  identifierMeasure,
  i1Measure,
  s2Measure,
  approvalMeasure,
  retentionMeasure,
];
