/**
 * A complainant's identity is confidential (环境保护法 art. 57; 信访工作条例 art. 30). Township staff
 * see it masked unless the complainant agreed to disclosure.
 */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return "";
  return characters[0] + "*".repeat(Math.max(1, characters.length - 1));
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "*".repeat(digits.length);
  if (digits.length < 8) return "*".repeat(digits.length - 4) + digits.slice(-4);
  return digits.slice(0, 3) + "*".repeat(digits.length - 7) + digits.slice(-4);
}

export interface ComplainantIdentity {
  complainantName: string | null;
  complainantPhone: string | null;
  consentToDisclose: boolean;
}

/** The identity as a viewer may see it; `mustMask` comes from the viewer's role. */
export function identityForViewer<T extends ComplainantIdentity>(record: T, mustMask: boolean): T {
  if (!mustMask || record.consentToDisclose) return record;
  return {
    ...record,
    complainantName: record.complainantName ? maskName(record.complainantName) : null,
    complainantPhone: record.complainantPhone ? maskPhone(record.complainantPhone) : null,
  };
}

/** Phone numbers are stored as digits only, so that "138-1234 5678" finds "13812345678". */
export function normalizePhone(phone: string): string {
  return phone.replace(/\D/g, "");
}
